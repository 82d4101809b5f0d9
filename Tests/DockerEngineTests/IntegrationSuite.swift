import Testing

/// The parent of every test that talks to the real engine: serialized so two
/// cores are not fought over, and enabled only when Docker answers (or when
/// PAAS_REQUIRE_COMPONENTS=1 demands that it does).
@Suite(
    "Docker engine integration",
    .serialized,
    .enabled("needs a Docker Swarm manager at DOCKER_HOST") { await DockerTestSupport.shouldRun() }
)
struct DockerIntegration {}
