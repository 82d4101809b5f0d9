import Testing
import PaaSCore

@Suite("Addon plan terms")
struct AddonPlanTermsTests {
    func terms(kind: String = "postgresql", name: String = "Hobby", description: String? = nil, cpu: Double? = nil,
               memory: Int64 = 256, storage: Int64 = 1024, connections: Int? = nil, price: Int64 = 0,
               monthly: Int64? = nil) throws(ValidationFailure) -> AddonPlanTerms {
        try AddonPlanTerms.validate(kind: kind, name: name, description: description, cpu: cpu, memoryMB: memory, storageMB: storage,
                                    maxConnections: connections, pricePerHour: price, monthlyPrice: monthly)
    }

    @Test("vCPUs become thousandths without drift; no CPU means no limit",
          arguments: [(Double?.some(0.05), Int64?.some(50)), (0.333, 333), (2, 2000), (64, 64_000), (nil, nil)])
    func cpu(vcpus: Double?, millis: Int64?) throws {
        #expect(try terms(cpu: vcpus).cpuMillis == millis)
    }

    @Test("Kind and name are normalised; a blank description is no description")
    func normalised() throws {
        let plan = try terms(kind: " Redis ", name: "  Cache S  ", description: "   ")
        #expect(plan.kind == "redis")
        #expect(plan.name == "Cache S")
        #expect(plan.description == nil)
        #expect(try terms(description: " Daily backups ").description == "Daily backups")
    }

    @Test("The bounds themselves are accepted")
    func edges() throws {
        _ = try terms(kind: "mysql", cpu: 64, memory: 64, storage: 0, connections: 1, price: 0, monthly: 1)
        _ = try terms(memory: 1_048_576, storage: 10_485_760, connections: 100_000, price: AddonPlanTerms.maxPrice)
        _ = try terms(name: String(repeating: "n", count: 60))
    }

    @Test("An unknown kind is refused with the kinds that exist")
    func unknownKind() {
        #expect { try terms(kind: "mongodb") } throws: { error in
            guard let failure = error as? ValidationFailure else { return false }
            return failure.field == "kind" && failure.message.contains("postgresql, mysql, redis")
        }
    }

    @Test("Out-of-range values name their field", arguments: [
        (Double?.some(0.01), Int64(256), Int64(0), Int?.none, Int64(0), Int64?.none, "cpu"),
        (Double.nan, 256, 0, nil, 0, nil, "cpu"), (nil, 63, 0, nil, 0, nil, "memory_mb"),
        (nil, 1_048_577, 0, nil, 0, nil, "memory_mb"), (nil, 256, -1, nil, 0, nil, "storage_mb"),
        (nil, 256, 10_485_761, nil, 0, nil, "storage_mb"), (nil, 256, 0, 0, 0, nil, "max_connections"),
        (nil, 256, 0, 100_001, 0, nil, "max_connections"), (nil, 256, 0, nil, -5, nil, "price_per_hour"),
        (nil, 256, 0, nil, 0, 0, "monthly_price"), (nil, 256, 0, nil, 0, -1, "monthly_price"),
    ])
    func bounds(cpu: Double?, memory: Int64, storage: Int64, connections: Int?, price: Int64, monthly: Int64?, field: String) {
        #expect {
            try terms(cpu: cpu, memory: memory, storage: storage, connections: connections, price: price, monthly: monthly)
        } throws: { ($0 as? ValidationFailure)?.field == field }
    }

    @Test("Names are 1 to 60 characters after trimming", arguments: ["", "   ", String(repeating: "n", count: 61)])
    func name(raw: String) {
        #expect { try terms(name: raw) } throws: { ($0 as? ValidationFailure)?.field == "name" }
    }
}
