/// The thumbnails of photos added at a step: on the staff case page and the citizen's tracking page.
enum CitizenStylesheet {
    static let css = """
        img.thumbnail{display:block;width:6rem;height:6rem;object-fit:cover;border-radius:.25rem;margin:.25rem 0}
        ul.photos{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
        """
}
