import Testing
import PaaSCore

@Suite("Plan terms")
struct PlanTermsTests {
    func terms(cpu: Double = 1, memory: Int64 = 512, containers: Int = 1, price: Int64 = 0, monthly: Int64? = nil) throws(ValidationFailure) -> PlanTerms {
        try PlanTerms.validate(name: "P", cpu: cpu, memoryMB: memory, storageMB: 0, maxContainers: containers,
                               pricePerHour: price, monthlyPrice: monthly, autoscalingAllowed: false, logRetentionDays: 7)
    }

    @Test("vCPUs become thousandths without drift", arguments: [(0.05, Int64(50)), (0.1, 100), (0.333, 333), (2, 2000), (64, 64_000)])
    func cpu(vcpus: Double, millis: Int64) throws {
        #expect(try terms(cpu: vcpus).cpuMillis == millis)
    }

    @Test("Out-of-range values name their field", arguments: [
        (0.01, Int64(512), 1, Int64(0), Int64?.none, "cpu"), (Double.nan, 512, 1, 0, nil, "cpu"), (1, 16, 1, 0, nil, "memory_mb"),
        (1, 512, 101, 0, nil, "max_containers"), (1, 512, 1, -5, nil, "price_per_hour"), (1, 512, 1, 0, 0, "monthly_price"),
    ])
    func bounds(cpu: Double, memory: Int64, containers: Int, price: Int64, monthly: Int64?, field: String) {
        #expect { try terms(cpu: cpu, memory: memory, containers: containers, price: price, monthly: monthly) } throws: { ($0 as? ValidationFailure)?.field == field }
    }
}
