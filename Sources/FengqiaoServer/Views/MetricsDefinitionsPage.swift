import FengqiaoCore
import Plot

/// `/metrics/definitions`: what each of the core rates counts, defined once (FengqiaoCore/Metrics) and shown here.
struct MetricsDefinitionsPage {
    let language: DisplayLanguage

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        Layout(title: t(Strings.metricsTitle), language: language, path: Paths.metricsDefinitions).render {
            H1(t(Strings.metricsTitle))
            Paragraph(t(CoreRates.basis))
            Table(
                header: TableRow {
                    TableHeaderCell(t(Strings.metricsName))
                    TableHeaderCell(t(Strings.metricsNumerator))
                    TableHeaderCell(t(Strings.metricsDenominator))
                }
            ) {
                for definition in CoreRates.definitions {
                    TableRow {
                        TableCell(t(definition.name))
                        TableCell(t(definition.numerator))
                        TableCell(definition.denominator.map(t) ?? t(Strings.metricsCountOnly))
                    }
                }
            }.class("definitions")
        }
    }
}
