/// Which admin actions a node's status allows: `pending → installing → ready → draining →
/// drained → down → removed`, with reinstall possible before the node is ready.
public enum NodeLifecycle {
    public static func canInstall(_ status: String) -> Bool { ["pending", "down"].contains(status) }
    public static func canDrain(_ status: String) -> Bool { ["ready", "draining", "down"].contains(status) }
    public static func canActivate(_ status: String) -> Bool { ["draining", "drained"].contains(status) }

    /// A node with running tasks is only removed when forced: its apps would lose capacity at once.
    public static func removalRefusal(status: String, runningTasks: Int, force: Bool) -> String? {
        if status == "removed" { return "The node is already removed." }
        if runningTasks > 0 && !force {
            return "\(runningTasks) task\(runningTasks == 1 ? "" : "s") still run on this node. Drain it first, or remove it with force=true to let Swarm reschedule them."
        }
        return nil
    }

    /// Drain progress in percent from the tasks left: 100 once none run.
    public static func drainProgress(startTasks: Int, remaining: Int) -> Int {
        guard startTasks > 0 else { return 100 }
        return max(0, min(100, (startTasks - remaining) * 100 / startTasks))
    }
}
