import Vapor

/// What the periodic node sync tells the admins: a warning in the log and an activity entry on
/// the platform overview for each node that went down or vanished since the last pass.
enum NodeAlerts {
    static func report(_ summary: NodeSync.Summary, app: Application, logger: Logger) async {
        for name in summary.wentDown {
            logger.warning("node \(name) is down; Swarm reschedules its tasks on the location's other nodes")
            try? await Activity.record("node.down", on: app.db, request: nil, principal: nil, target: nil,
                                       details: "\(name) stopped answering Swarm; its tasks are rescheduled")
        }
    }
}
