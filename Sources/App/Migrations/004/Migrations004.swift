import Fluent

/// Hourly billing: what the revenue reports need to attribute each charge to a plan and a location.
enum Migrations004 {
    static let all: [any Migration] = [
        AddUsageSegmentLocation(),
        AddBillingRecordAttribution(),
        DropBillingRecordSoftLinks(),
    ]
}
