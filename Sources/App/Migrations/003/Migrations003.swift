import Fluent

/// The PaaS schema, one migration per table, in dependency order: a table comes after every table it references,
/// so `autoRevert` (which runs them backwards) drops children before parents.
enum Migrations003 {
    static let all: [any Migration] = [
        CreatePaaSLocations(),
        CreatePaaSPlans(),
        CreatePaaSWorkerNodes(),
        CreatePaaSApplications(),
        CreatePaaSEnvironments(),
        CreatePaaSReleases(),
        CreatePaaSDeployments(),
        CreatePaaSContainers(),
        CreatePaaSDomains(),
        CreatePaaSAddonPlans(),
        CreatePaaSAddons(),
        CreatePaaSBuildCache(),
        CreatePaaSMetrics(),
        CreatePaaSLogs(),
        CreatePaaSHealthChecks(),
        CreatePaaSGitRepos(),
        CreatePaaSWebhooks(),
        CreatePaaSAutoscalingRules(),
        CreatePaaSConfigVars(),
        CreatePaaSUsageSegments(),
        CreatePaaSBillingRecords(),
        CreatePaaSJobs(),
        CreatePaaSSettings(),
    ]
}
