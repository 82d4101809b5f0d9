public enum PaaSCoreVersion { public static let string = "0.1.0" }
