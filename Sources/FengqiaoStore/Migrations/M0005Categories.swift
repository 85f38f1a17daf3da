extension Migration {
    /// The category catalogue (five domains × topics), editable by administrators, with the starting rows.
    /// The rows are written out here, not generated, so that this migration never changes once it has landed.
    static let m0005Categories = Migration(
        version: 5,
        name: "category catalogue",
        statements: [
            """
            CREATE TABLE categories (
                code TEXT PRIMARY KEY,
                domain TEXT NOT NULL,
                name_zh TEXT NOT NULL,
                name_en TEXT NOT NULL,
                dispute_type TEXT,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                position BIGINT NOT NULL
            )
            """,
            """
            INSERT INTO categories (code, domain, name_zh, name_en, dispute_type, active, position) VALUES
                ('livelihood.marriage-family', 'livelihood', '婚姻家庭纠纷', 'Marriage and family', 'marriageFamily', TRUE, 1),
                ('livelihood.neighbour', 'livelihood', '邻里纠纷', 'Neighbours', 'neighbour', TRUE, 2),
                ('livelihood.property-management', 'livelihood', '物业纠纷', 'Property management', 'propertyManagement', TRUE, 3),
                ('livelihood.unpaid-wages', 'livelihood', '欠薪纠纷', 'Unpaid wages', 'unpaidWages', TRUE, 4),
                ('livelihood.medical', 'livelihood', '医疗纠纷', 'Medical disputes', 'medical', TRUE, 5),
                ('livelihood.consumer', 'livelihood', '消费纠纷', 'Consumer disputes', 'consumer', TRUE, 6),
                ('livelihood.contract', 'livelihood', '合同纠纷', 'Contracts', 'contract', TRUE, 7),
                ('livelihood.public-transport', 'livelihood', '公共交通', 'Public transport', NULL, TRUE, 8),
                ('livelihood.infrastructure', 'livelihood', '道路与公共设施', 'Roads and public facilities', NULL, TRUE, 9),
                ('livelihood.social-assistance', 'livelihood', '社保与救助', 'Social security and assistance', NULL, TRUE, 10),
                ('agriculture.land', 'agriculture', '土地纠纷', 'Land', 'land', TRUE, 11),
                ('agriculture.forest', 'agriculture', '山林纠纷', 'Forest', 'forest', TRUE, 12),
                ('agriculture.homestead', 'agriculture', '宅基地纠纷', 'Homestead boundaries', 'homestead', TRUE, 13),
                ('agriculture.land-transfer-rent', 'agriculture', '土地流转租金纠纷', 'Land-transfer rent', 'landTransferRent', TRUE, 14),
                ('agriculture.production', 'agriculture', '农业生产', 'Farming', NULL, TRUE, 15),
                ('safety.public-order', 'safety', '治安纠纷', 'Public order', 'publicOrder', TRUE, 16),
                ('safety.traffic-accident', 'safety', '交通事故纠纷', 'Traffic accidents', 'trafficAccident', TRUE, 17),
                ('safety.demolition', 'safety', '征地拆迁纠纷', 'Demolition and resettlement', 'demolition', TRUE, 18),
                ('safety.petition', 'safety', '信访诉求', 'Petitions', NULL, TRUE, 19),
                ('environment.pollution', 'environment', '环境污染纠纷', 'Pollution', 'environment', TRUE, 20),
                ('environment.sanitation', 'environment', '环境卫生', 'Sanitation', NULL, TRUE, 21),
                ('production.construction', 'production', '建设工程纠纷', 'Construction', 'construction', TRUE, 22),
                ('production.workplace-hazard', 'production', '安全生产隐患', 'Workplace safety hazards', NULL, TRUE, 23),
                ('production.fire-hazard', 'production', '消防隐患', 'Fire hazards', NULL, TRUE, 24)
            """,
        ])
}
