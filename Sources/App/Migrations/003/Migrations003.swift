import Fluent

enum Migrations003 {
    static let all: [any Migration] = []
}
