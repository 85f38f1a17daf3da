import FengqiaoCore
import Foundation
import Plot

/// `/admin/regions/{code}`: one region's name and households, its boundary (a GeoJSON upload), a move under another
/// parent, and retire or restore, with what still depends on it.
struct AdminRegionPage {
    let frame: AdminFrame
    let region: Region
    /// "桃源镇 · 桃源村 · 第3网格".
    let label: String
    /// The regions it may move under (in use, of a level it may sit under, not inside its own subtree).
    let parents: [AdminRegionRow]
    let parentCode: String?
    let dependents: RegionDependents
    var form = WebForm(fields: [])

    func render() -> String {
        let s = StructureStrings.self
        let a = AdminStrings.self
        let t = frame.t
        let path = Paths.adminRegion(region.code)
        return frame.render(title: s.regionTitle, path: Paths.adminRegions) {
            Paragraph { Link(t(s.backToRegions), url: Paths.adminRegions) }.class("note")
            Widgets.facts([
                (t(a.name), label), (t(a.regionCode), region.code), (t(a.level), t(region.level.name)),
                (t(s.status), t(region.isRetired ? s.retired : s.inUse)),
            ])
            H2(t(s.details))
            Form(url: path, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("edit")
                Widgets.textField("name", label: t(a.regionName), required: true, value: form["name"] ?? region.name)
                Widgets.textField(
                    "households", label: t(a.households), type: .number,
                    value: form["households"] ?? "\(region.households)")
                SubmitButton(t(s.save))
            }.class("stacked").attribute(named: "id", value: "region-edit")
            if region.parentID != nil {
                H2(t(s.move))
                Paragraph(t(s.moveNote)).class("note")
                if parents.isEmpty {
                    Paragraph(t(s.noParents)).class("note")
                } else {
                    Form(url: path, method: .post) {
                        Widgets.csrf(frame.csrfToken)
                        AdminFrame.action("move")
                        Widgets.select(
                            "parent", label: t(s.newParent), options: parents.map { ($0.region.code, $0.label) },
                            selected: form["parent"] ?? parentCode, required: true)
                        SubmitButton(t(s.moveButton))
                    }.class("stacked").attribute(named: "id", value: "region-move")
                }
            }
            H2(t(s.boundary))
            Paragraph(t(region.boundary.map { s.boundaryPoints($0.ring.count - 1) } ?? s.noBoundary))
            Paragraph(t(s.boundaryNote)).class("note")
            Form(url: path, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("boundary")
                Label(t(s.boundaryFile)) {
                    Input(type: .file, name: "boundary")
                        .attribute(named: "accept", value: ".geojson,.json,application/geo+json,application/json")
                        .attribute(named: "id", value: "field-boundary")
                }
                Widgets.textArea(
                    "boundaryText", label: t(s.boundaryText), required: false, value: form["boundaryText"] ?? "")
                SubmitButton(t(s.uploadBoundary))
            }.class("stacked").attribute(named: "id", value: "region-boundary")
                .attribute(named: "enctype", value: "multipart/form-data")
            if region.boundary != nil {
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("remove-boundary")
                    SubmitButton(t(s.removeBoundary))
                }.attribute(named: "id", value: "region-boundary-remove")
            }
            H2(t(region.isRetired ? s.restoreButton : s.retire))
            if region.isRetired {
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("restore")
                    SubmitButton(t(s.restoreButton))
                }.attribute(named: "id", value: "region-restore")
            } else {
                Paragraph(t(s.retireRegionNote)).class("note")
                Paragraph(
                    dependents.isEmpty ? t(s.nothingDepends) : t(s.dependsNow) + t(dependents.listed)
                ).attribute(named: "id", value: "region-dependents")
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("retire")
                    SubmitButton(t(s.retireButton))
                }.attribute(named: "id", value: "region-retire")
            }
        }
    }
}

/// `/admin/organisations/{id}`: one organisation's name, kind, region, phone and specialties, and retire or restore.
struct AdminOrganisationPage {
    let frame: AdminFrame
    let organisation: Organisation
    /// The regions of the jurisdiction in use (the region picker).
    let regions: [AdminRegionRow]
    let regionCode: String?
    let regionLabel: String
    let dependents: OrganisationDependents
    var form = WebForm(fields: [])

    func render() -> String {
        let s = StructureStrings.self
        let a = AdminStrings.self
        let t = frame.t
        let path = Paths.adminOrganisation(organisation.id)
        let typed = form.fields.contains { $0.name == "name" }
        let chosen = Set(typed ? form.all("specialties") : organisation.specialties.map(\.rawValue))
        return frame.render(title: s.organisationTitle, path: Paths.adminOrganisations) {
            Paragraph { Link(t(s.backToOrganisations), url: Paths.adminOrganisations) }.class("note")
            Widgets.facts([
                (t(a.name), organisation.name), (t(a.region), regionLabel),
                (t(s.status), t(organisation.isRetired ? s.retired : s.inUse)),
            ])
            Form(url: path, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("edit")
                Widgets.textField(
                    "name", label: t(a.organisationName), required: true,
                    value: typed ? form["name"] : organisation.name)
                Paragraph(t(s.kindNote)).class("note")
                Widgets.choice(
                    "kind", label: t(a.kind), OrganisationKind.self, language: frame.language,
                    selected: (typed ? form["kind"] : nil).flatMap(OrganisationKind.init(rawValue:))
                        ?? organisation.kind
                ) { $0.name }
                Widgets.select(
                    "region", label: t(a.region), options: AdminRegionRow.options(regions, frame.language),
                    selected: typed ? form["region"] : regionCode, required: true)
                Widgets.textField(
                    "phone", label: t(a.phone) + t(a.optional), type: .tel,
                    value: typed ? form["phone"] : organisation.phone)
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(a.specialties) + t(a.optional)) }
                    for type in DisputeType.allCases {
                        Label(t(type.name)) {
                            Input(type: .checkbox, name: "specialties", value: type.rawValue)
                                .flag("checked", chosen.contains(type.rawValue))
                        }.class("choice")
                    }
                }
                SubmitButton(t(s.save))
            }.class("stacked").attribute(named: "id", value: "organisation-edit")
            H2(t(organisation.isRetired ? s.restoreButton : s.retire))
            if organisation.isRetired {
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("restore")
                    SubmitButton(t(s.restoreButton))
                }.attribute(named: "id", value: "organisation-restore")
            } else {
                Paragraph(t(s.retireOrganisationNote)).class("note")
                Paragraph(
                    dependents.isEmpty ? t(s.nothingDepends) : t(s.dependsNow) + t(dependents.listed)
                ).attribute(named: "id", value: "organisation-dependents")
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("retire")
                    SubmitButton(t(s.retireButton))
                }.attribute(named: "id", value: "organisation-retire")
            }
        }
    }
}

/// The links of the region tree and the organisation list to each one's page, with "（已撤销）" after a retired one.
enum AdminStructureLinks {
    static func region(_ row: AdminRegionRow, _ language: DisplayLanguage) -> any Component {
        ComponentGroup {
            Text(String(repeating: "　", count: row.depth))
            Link(row.region.name, url: Paths.adminRegion(row.region.code))
            if row.region.isRetired { Text("（" + StructureStrings.retired.text(language) + "）") }
        }
    }

    static func organisation(_ organisation: Organisation, _ language: DisplayLanguage) -> any Component {
        ComponentGroup {
            Link(organisation.name, url: Paths.adminOrganisation(organisation.id))
            if organisation.isRetired { Text("（" + StructureStrings.retired.text(language) + "）") }
        }
    }
}
