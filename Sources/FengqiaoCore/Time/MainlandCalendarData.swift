/// Mainland China's official calendar of public holidays and make-up working days (调休上班) for 2025 and 2026, from
/// the State Council General Office notices of 12 November 2024 and 4 November 2025. The same text as
/// `calendar/cn-mainland.csv`, the copy administrators start from; a test keeps the two equal.
public enum MainlandCalendarData {
    /// The calendar file, in the format `WorkingCalendar.parse(csv:)` reads.
    public static let csv = """
        # 中国大陆法定节假日与调休上班日 / Mainland China public holidays and make-up working days
        # 来源 / Source: 国务院办公厅 2024年11月12日、2025年11月4日关于节假日安排的通知
        #   (State Council General Office notices of 12 November 2024 and 4 November 2025)
        # 每行一个日期 / One date a line: date,kind,name
        #   holiday = 放假（即使是工作日也不上班） / no work, even on a Monday to Friday
        #   workday = 调休上班（周六或周日上班） / a Saturday or Sunday that is a working day
        # 未列出的周六、周日休息，周一至周五上班 / Unlisted Saturdays and Sundays are rest days, Monday to Friday working days.
        # 以 # 开头的行和空行不计 / Lines starting with # and blank lines are ignored.
        date,kind,name
        2025-01-01,holiday,元旦
        2025-01-26,workday,春节调休上班
        2025-01-28,holiday,春节
        2025-01-29,holiday,春节
        2025-01-30,holiday,春节
        2025-01-31,holiday,春节
        2025-02-01,holiday,春节
        2025-02-02,holiday,春节
        2025-02-03,holiday,春节
        2025-02-04,holiday,春节
        2025-02-08,workday,春节调休上班
        2025-04-04,holiday,清明节
        2025-04-05,holiday,清明节
        2025-04-06,holiday,清明节
        2025-04-27,workday,劳动节调休上班
        2025-05-01,holiday,劳动节
        2025-05-02,holiday,劳动节
        2025-05-03,holiday,劳动节
        2025-05-04,holiday,劳动节
        2025-05-05,holiday,劳动节
        2025-05-31,holiday,端午节
        2025-06-01,holiday,端午节
        2025-06-02,holiday,端午节
        2025-09-28,workday,国庆节调休上班
        2025-10-01,holiday,国庆节、中秋节
        2025-10-02,holiday,国庆节、中秋节
        2025-10-03,holiday,国庆节、中秋节
        2025-10-04,holiday,国庆节、中秋节
        2025-10-05,holiday,国庆节、中秋节
        2025-10-06,holiday,国庆节、中秋节
        2025-10-07,holiday,国庆节、中秋节
        2025-10-08,holiday,国庆节、中秋节
        2025-10-11,workday,国庆节调休上班
        2026-01-01,holiday,元旦
        2026-01-02,holiday,元旦
        2026-01-03,holiday,元旦
        2026-01-04,workday,元旦调休上班
        2026-02-14,workday,春节调休上班
        2026-02-15,holiday,春节
        2026-02-16,holiday,春节
        2026-02-17,holiday,春节
        2026-02-18,holiday,春节
        2026-02-19,holiday,春节
        2026-02-20,holiday,春节
        2026-02-21,holiday,春节
        2026-02-22,holiday,春节
        2026-02-23,holiday,春节
        2026-02-28,workday,春节调休上班
        2026-04-04,holiday,清明节
        2026-04-05,holiday,清明节
        2026-04-06,holiday,清明节
        2026-05-01,holiday,劳动节
        2026-05-02,holiday,劳动节
        2026-05-03,holiday,劳动节
        2026-05-04,holiday,劳动节
        2026-05-05,holiday,劳动节
        2026-05-09,workday,劳动节调休上班
        2026-06-19,holiday,端午节
        2026-06-20,holiday,端午节
        2026-06-21,holiday,端午节
        2026-09-20,workday,国庆节调休上班
        2026-09-25,holiday,中秋节
        2026-09-26,holiday,中秋节
        2026-09-27,holiday,中秋节
        2026-10-01,holiday,国庆节
        2026-10-02,holiday,国庆节
        2026-10-03,holiday,国庆节
        2026-10-04,holiday,国庆节
        2026-10-05,holiday,国庆节
        2026-10-06,holiday,国庆节
        2026-10-07,holiday,国庆节
        2026-10-10,workday,国庆节调休上班

        """
}
