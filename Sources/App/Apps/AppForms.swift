import Foundation
import Vapor

/// The app pages' forms as typed. Fields stay strings so a failed post re-renders what was typed;
/// each form turns itself into the input of the use case that handles it.

struct AppCreateForm: Content {
    var name: String?
    var planId: String?
    var locationId: String?

    enum CodingKeys: String, CodingKey {
        case name, planId = "plan_id", locationId = "location_id"
    }

    init(name: String? = nil, planId: String? = nil, locationId: String? = nil) {
        self.name = name
        self.planId = planId
        self.locationId = locationId
    }

    var input: AppService.CreateInput {
        .init(name: name ?? "", planId: planId ?? "", locationId: locationId ?? "")
    }
}

struct AppDeployForm: Content {
    var image: String?
}

struct AppBuildForm: Content {
    var branch: String?
}

struct AppConfigVarForm: Content {
    var key: String?
    var value: String?

    /// The key as typed, trimmed; a blank key is refused here with the same field the service uses.
    func changes() throws -> [String: String?] {
        let key = (key ?? "").trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw AppError.invalid("key", "Give the variable a name, like DATABASE_URL.") }
        return [key: value ?? ""]
    }
}

struct AppScaleForm: Content {
    var process: String?
    var quantity: String?

    /// `{"web": 2}` for AppScaler; the range check against the plan is the scaler's.
    func formation() throws -> [String: Int] {
        let process = process ?? ""
        guard let raw = quantity?.trimmingCharacters(in: .whitespaces), let count = Int(raw) else {
            throw AppError.invalid(process, "Give a whole number of containers, like 2.")
        }
        return [process: count]
    }
}

struct AppSettingsForm: Content {
    var planId: String?
    var healthCheckPath: String?
    /// One buildpack per line; absent from the post means "unchanged".
    var buildpacks: String?

    enum CodingKeys: String, CodingKey {
        case planId = "plan_id", healthCheckPath = "health_check_path", buildpacks
    }

    init(planId: String? = nil, healthCheckPath: String? = nil, buildpacks: String? = nil) {
        self.planId = planId
        self.healthCheckPath = healthCheckPath
        self.buildpacks = buildpacks
    }

    init(_ app: TenantApp) {
        planId = app.$plan.id.uuidString.lowercased()
        healthCheckPath = app.healthCheckPath ?? ""
        buildpacks = app.buildpacks ?? ""
    }

    /// Only what changed, so an unchanged (possibly archived) plan is not re-validated and a
    /// deployed app is not re-applied for nothing. An emptied health check path clears it.
    func input(for app: TenantApp) -> AppService.UpdateInput {
        var input = AppService.UpdateInput()
        if let planId, !planId.isEmpty, planId.lowercased() != app.$plan.id.uuidString.lowercased() {
            input.planId = planId
        }
        let path = (healthCheckPath ?? "").trimmingCharacters(in: .whitespaces)
        let newPath: String? = path.isEmpty ? nil : path
        if newPath != app.healthCheckPath { input.healthCheckPath = .some(newPath) }
        if let buildpacks {
            let list = buildpacks.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if list.joined(separator: "\n") != (app.buildpacks ?? "") { input.buildpacks = list }
        }
        return input
    }
}

/// What the app page's forms hold when it re-renders after a failed post.
struct AppPageForms {
    var image = ""
    /// The branch typed into "Build from git"; nil shows the app's deploy branch.
    var branch: String?
    var configKey = ""
    var configValue = ""
    /// Process type → the quantity typed into its scale control.
    var scale: [String: String] = [:]
    var settings: AppSettingsForm?
}

enum AppFormFields {
    struct Option {
        let value: String
        let label: String
    }

    /// A labelled select styled like `Components.field`, with its error and hint.
    static func select(label: String, name: String, options: [Option], selected: String?, error: String? = nil,
                       hint: String? = nil, placeholder: String? = nil) -> HTML {
        let selectID = "field-\(name)"
        return el("div", .class(error == nil ? "field" : "field has-error")) {
            el("label", .for(selectID)) { label }
            el("select", .id(selectID), .name(name), .flag("required"),
               .when(error != nil, .aria("invalid", "true")), .when(error != nil, .aria("describedby", selectID + "-error"))) {
                if let placeholder {
                    el("option", .value(""), .when(selected == nil || selected == "", .flag("selected"))) { placeholder }
                }
                for option in options {
                    el("option", .value(option.value), .when(option.value == selected, .flag("selected"))) { option.label }
                }
            }
            if let hint, error != hint { el("p", .class("hint")) { hint } }
            if let error { el("p", .class("field-error"), .id(selectID + "-error")) { error } }
        }
    }

    /// "Tiny · 0.25 vCPU · 512 MB · up to 3 per process · $0.0068 per container-hour · at most $5.00 a month per container"
    static func planLabel(_ plan: Plan, currency: String) -> String {
        var parts = [plan.name, Format.cpu(plan.cpuMillis), Format.memory(plan.memoryMB), "up to \(plan.maxContainers) per process",
                     "\(Format.money(plan.pricePerHour, currency)) per container-hour"]
        parts.append(PlanTable.monthly(plan, currency: currency))
        if plan.isArchived { parts.append("archived") }
        return parts.joined(separator: " · ")
    }

    static func locationLabel(_ location: Location) -> String {
        let place = [location.city, location.country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return place.isEmpty ? location.name : "\(location.name) (\(place))"
    }
}
