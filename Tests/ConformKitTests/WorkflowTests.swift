import Foundation
import Testing
import Yams

/// The GitHub Actions workflow of `docs/ci.md`, as far as it can be proved without GitHub: the
/// YAML block is read from the doc, validated against GitHub's workflow schema
/// (`check-jsonschema`, gated like `SchemaCheck` by `CONFORM_REQUIRE_SCHEMA_CHECK`), and its
/// `run:` steps run with `bash -e` in a git repository made like a user's, with `${{ }}`
/// expressions and `if:` conditions evaluated as GitHub would for a pull request and a push.
/// The steps that install system packages and build conform are not run: the conform binary the
/// tests use stands where the build step would put it.
@Suite(.serialized)
struct WorkflowTests {
    // MARK: The workflow as written

    @Test func workflowMatchesGitHubsSchema() throws {
        let workflow = try WorkflowDoc.load()
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.yml")
        try workflow.text.write(to: file, atomically: true, encoding: .utf8)
        guard let run = try WorkflowSchemaChecker.run(["--builtin-schema", "vendor.github-workflows", file.path]) else { return }
        #expect(run.status == 0, "docs/ci.md's workflow is not valid under GitHub's workflow schema:\n\(run.stdout)\(run.stderr)")

        // The checker really checks: a misspelt key is refused.
        #expect(workflow.text.contains("    runs-on:"))
        let broken = directory.appendingPathComponent("broken.yml")
        try workflow.text.replacingOccurrences(of: "    runs-on:", with: "    runs-onn:").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try #require(try WorkflowSchemaChecker.run(["--builtin-schema", "vendor.github-workflows", broken.path]))
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
    }

    @Test func workflowIsConsistent() throws {
        let workflow = try WorkflowDoc.load()
        // Triggers and permissions.
        #expect(Set(workflow.triggers) == ["push", "pull_request"])
        #expect(workflow.root["permissions"]?["security-events"]?.string == "write", "upload-sarif needs security-events: write")
        #expect(workflow.root["permissions"]?["contents"]?.string == "read", "actions/checkout needs contents: read")

        // Only well-known actions, at major versions that exist.
        let known: Set<String> = ["actions/checkout@v4", "actions/cache@v4", "github/codeql-action/upload-sarif@v3"]
        let used = workflow.steps.compactMap(\.uses)
        #expect(!used.isEmpty)
        for action in used { #expect(known.contains(action), "unexpected action \(action); the doc keeps to \(known.sorted())") }

        // Two checkouts, side by side: the data repository with its history, and conform.
        let layout = try workflow.layout()
        let dataCheckout = try #require(workflow.steps.first { $0.uses == "actions/checkout@v4" && $0.with["repository"] == nil })
        #expect(dataCheckout.with["fetch-depth"] == "0", "--changed-since needs origin/<base> (fetch-depth: 0)")
        #expect(!Self.isInside(layout.conform, layout.data), "conform's checkout lies inside the data repository: its files would match the project's globs")

        // The cache, the build and the check agree on conform's folder.
        let cache = try #require(workflow.steps.first { $0.uses == "actions/cache@v4" })
        #expect(cache.with["path"] == "\(layout.conform)/.build")
        #expect(cache.with["key"]?.contains("hashFiles('\(layout.conform)/Package.swift'") == true, "\(cache.with["key"] ?? "")")
        let build = try #require(workflow.steps.first { $0.name == "Build conform" }?.run)
        for part in ["swift build", "-c release", "--package-path \(layout.conform)", "--product conform"] {
            #expect(build.contains(part), "Build conform: \(build)")
        }
        let upload = try #require(workflow.steps.first { $0.uses == "github/codeql-action/upload-sarif@v3" })
        #expect(upload.with["sarif_file"] == Self.join(layout.data, "conform.sarif"))
        #expect(upload.with["checkout_path"] ?? "" == layout.data)
        #expect(upload.condition == "always()", "the SARIF must be uploaded when the check fails")

        // The container's Swift builds Package.swift, and the system libraries are those Package.swift names.
        let manifest = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let tools = try #require(manifest.split(separator: "\n").first?.split(separator: ":").last.map(String.init))
        let image = try #require(workflow.job["container"]?.string ?? workflow.job["container"]?["image"]?.string)
        #expect(image.hasPrefix("swift:"))
        let swift = String(image.dropFirst("swift:".count).prefix { $0 != "-" })
        #expect(Self.version(swift).lexicographicallyPrecedes(Self.version(tools)) == false,
                "the container's Swift \(swift) is older than swift-tools-version \(tools)")
        let libraries = try #require(workflow.steps.first { $0.name == "System libraries" }?.run)
        let regex = try NSRegularExpression(pattern: #"\.apt\(\[([^\]]*)\]\)"#)
        let providers = regex.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)).flatMap { match in
            manifest[Range(match.range(at: 1), in: manifest)!].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
        }
        #expect(!providers.isEmpty)
        for package in providers + ["pkg-config"] { #expect(libraries.contains(package), "System libraries does not install \(package)") }
    }

    // MARK: The steps, run

    @Test func pullRequestChecksOnlyTheChangedFile() throws {
        let workflow = try WorkflowDoc.load()
        let sandbox = try WorkflowSandbox(workflow: workflow)
        defer { sandbox.remove() }
        let run = try sandbox.run(event: "pull_request")
        let check = try #require(run.step("Check the data"))
        #expect(check.status == 1, "the examples do not conform, so the check fails: \(check.stderr)")

        // Only the changed file, named from the repository's root.
        let annotations = Self.annotations(check.stdout)
        #expect(!annotations.isEmpty, "no ::error annotations in\n\(check.stdout.prefix(2000))")
        #expect(Set(annotations.map(\.file)) == [WorkflowSandbox.changedFile])
        #expect(annotations.contains { $0.kind == "error" })
        try Self.expectReports(in: run, sandbox: sandbox, files: [WorkflowSandbox.changedFile])
    }

    @Test func pushChecksEveryCheck() throws {
        let workflow = try WorkflowDoc.load()
        let sandbox = try WorkflowSandbox(workflow: workflow)
        defer { sandbox.remove() }
        let run = try sandbox.run(event: "push")
        let check = try #require(run.step("Check the data"))
        #expect(check.status == 1, "\(check.stderr)")
        let annotations = Self.annotations(check.stdout)
        #expect(Set(annotations.map(\.file)) == Set(WorkflowSandbox.exampleFiles.filter { $0.contains("/dirty.") }))
        try Self.expectReports(in: run, sandbox: sandbox, files: WorkflowSandbox.exampleFiles)

        // Every check of examples/conform.yaml ran: each one's standard is in the report.
        let project = try #require(try Yams.compose(yaml: String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("examples/conform.yaml"), encoding: .utf8)))
        let standards = project["checks"]?.sequence?.compactMap { $0["standard"]?.string } ?? []
        #expect(standards.count == 8)
        let markdown = try String(contentsOf: sandbox.data.appendingPathComponent("conform.md"), encoding: .utf8)
        for standard in standards { #expect(markdown.contains("| \(standard) "), "\(standard) did not run") }
    }

    /// A project whose globs start with `**/` sees its own files, not conform's checkout (whose
    /// examples and `.build` hold CSV and JSON files too).
    @Test func globsDoNotReachConformsCheckout() throws {
        let workflow = try WorkflowDoc.load()
        let project = """
        checks:
          - files: "**/*.csv"
            standard: uk-gov/brownfield-land-register
          - files: "**/*.json"
            standard: 360giving/grants
        """
        let sandbox = try WorkflowSandbox(workflow: workflow, project: project)
        defer { sandbox.remove() }
        // Every CSV file under examples/ (sorted), then every JSON file.
        let all = (FileManager.default.enumerator(atPath: TestSupport.repositoryRoot.appendingPathComponent("examples").path)?
            .compactMap { $0 as? String } ?? []).sorted()
        let pushed = all.filter { $0.hasSuffix(".csv") } + all.filter { $0.hasSuffix(".json") }
        for (event, files) in [("push", pushed), ("pull_request", [WorkflowSandbox.changedFile])] {
            let run = try sandbox.run(event: event)
            #expect(run.step("Check the data")?.status == 1, "\(event): \(run.step("Check the data")?.stderr ?? "")")
            let markdown = try String(contentsOf: sandbox.data.appendingPathComponent("conform.md"), encoding: .utf8)
            #expect(Self.summaryFiles(markdown) == files, "\(event)")
        }
    }

    /// In a container, git sees the checkout as another user's: without the workflow's
    /// safe.directory step, `--changed-since` cannot run git and the check fails.
    @Test func checkNeedsTheTrustStepInAContainer() throws {
        let workflow = try WorkflowDoc.load()
        guard WorkflowSandbox.gitAssumesDifferentOwner else {
            print("WorkflowTests: this git ignores GIT_TEST_ASSUME_DIFFERENT_OWNER; the container's ownership check is not exercised")
            return
        }
        let trust = workflow.steps.filter { $0.run?.contains("safe.directory") == true }
        #expect(trust.count == 1, "a step must add the checkout to git's safe.directory")
        let sandbox = try WorkflowSandbox(workflow: workflow)
        defer { sandbox.remove() }
        let run = try sandbox.run(event: "pull_request", without: Set(trust.compactMap(\.name)))
        let check = try #require(run.step("Check the data"))
        #expect(check.status != 0 && check.status != 1, "\(check.status)")
        #expect(check.stderr.contains("git cannot compare"), "\(check.stderr)")
    }

    @Test func expressionsEvaluateAsGitHubDoes() throws {
        var expressions = WorkflowExpressions(contexts: ["github.event_name": .string("pull_request"), "github.base_ref": .string("main")])
        #expect(try expressions.substitute("a ${{ github.event_name == 'PULL_REQUEST' && format('--x {0}/{1}', 'o', github.base_ref) || '' }} b") == "a --x o/main b")
        #expect(try expressions.substitute("${{ format('{{{0}}}', 'it''s') }}") == "{it's}")
        #expect(try expressions.substitute("${{ github.event_name != 'push' }}") == "true")
        #expect(try expressions.condition("always()"))
        #expect(try expressions.condition("${{ github.base_ref == 'main' }}"))
        expressions.failed = true
        #expect(try !expressions.condition("github.base_ref == 'main'"), "an if: without a status function means success() && …")
        #expect(try expressions.condition("always()") && expressions.condition("failure()"))
        #expect(throws: WorkflowExpressions.Unsupported.self) { try expressions.substitute("${{ github.sha }}") }
        #expect(throws: WorkflowExpressions.Unsupported.self) { try expressions.substitute("${{ toJSON(github) }}") }
        #expect(throws: WorkflowExpressions.Unsupported.self) { try expressions.substitute("${{ github.event_name") }
    }

    // MARK: Helpers

    struct Annotation {
        var kind: String
        var file: String
        var line: Int
    }

    /// `::error file=…,line=…::…` and `::warning …` workflow commands.
    static func annotations(_ output: String) -> [Annotation] {
        let regex = try! NSRegularExpression(pattern: #"^::(error|warning|notice) file=([^,:]+),line=([0-9]+)[,:]"#, options: .anchorsMatchLines)
        return regex.matches(in: output, range: NSRange(output.startIndex..., in: output)).map { match in
            func group(_ i: Int) -> String { String(output[Range(match.range(at: i), in: output)!]) }
            return Annotation(kind: group(1), file: group(2), line: Int(group(3)) ?? 0)
        }
    }

    /// The files of the Markdown report's summary table, in order.
    static func summaryFiles(_ markdown: String) -> [String] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| file |") }) else { return [] }
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map {
            $0.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
    }

    /// What the check and summary steps left: annotations on existing files, SARIF 2.1.0 naming
    /// `files`' findings, and the Markdown report in the step summary.
    fileprivate static func expectReports(in run: WorkflowSandbox.Run, sandbox: WorkflowSandbox, files: [String]) throws {
        let check = try #require(run.step("Check the data"))
        for annotation in annotations(check.stdout) {
            #expect(!annotation.file.hasPrefix("/") && annotation.line > 0, "\(annotation)")
            #expect(FileManager.default.fileExists(atPath: sandbox.data.appendingPathComponent(annotation.file).path), "\(annotation.file)")
        }

        // SARIF where upload-sarif looks for it, relative paths of the checked files.
        let upload = try #require(sandbox.workflow.steps.first { $0.uses == "github/codeql-action/upload-sarif@v3" })
        #expect(try sandbox.expressions(event: run.event, failed: true).condition(upload.condition ?? "success()"), "upload-sarif is skipped after a failed check")
        let sarif = sandbox.workspace.appendingPathComponent(try #require(upload.with["sarif_file"]))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(!results.isEmpty)
        let uris = Set(results.compactMap { result -> String? in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        })
        #expect(uris.isSubset(of: Set(files)) && !uris.isEmpty, "\(uris)")
        if let shared = TestSupport.shared {
            try SchemaCheck.sarif([sarif.path], schema: shared.appendingPathComponent("data/schemas/sarif-schema-2.1.0.json").path)
        } else {
            print("WorkflowTests: ../shared is absent; conform.sarif is not validated against the SARIF 2.1.0 schema")
        }

        // The Markdown report, in the summary step's GITHUB_STEP_SUMMARY.
        let summary = try #require(run.step("Summary"), "the Summary step did not run after the failed check")
        #expect(summary.status == 0, "\(summary.stderr)")
        let markdown = try String(contentsOf: sandbox.data.appendingPathComponent("conform.md"), encoding: .utf8)
        #expect(summary.summary.hasPrefix("## conform:"), "\(summary.summary.prefix(200))")
        #expect(summary.summary == markdown)
        #expect(summaryFiles(markdown) == files)
    }

    static func join(_ folder: String, _ name: String) -> String { folder.isEmpty || folder == "." ? name : folder + "/" + name }

    /// Whether workspace-relative folder `inner` is `outer` or lies below it.
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        let outer = outer == "." ? "" : outer
        return outer.isEmpty || inner == outer || inner.hasPrefix(outer + "/")
    }

    static func version(_ text: String) -> [Int] { text.split(separator: ".").map { Int($0) ?? 0 } }
}

// MARK: - The workflow in docs/ci.md

/// The ```yaml block under "## GitHub Actions" in docs/ci.md, parsed.
fileprivate struct WorkflowDoc {
    struct Step {
        var name: String?
        var uses: String?
        var run: String?
        var condition: String?
        var with: [String: String] = [:]
        var env: [String: String] = [:]
        var workingDirectory: String?
        var shell: String?
        var continueOnError = false
    }

    /// Where the two checkouts go, relative to the workspace ("" for the workspace itself).
    struct Layout {
        var data: String
        var conform: String
    }

    var text: String
    var root: Node
    var job: Node
    var steps: [Step]

    static func load() throws -> WorkflowDoc {
        let doc = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let lines = doc.split(separator: "\n", omittingEmptySubsequences: false)
        let heading = try #require(lines.firstIndex { $0 == "## GitHub Actions" }, "docs/ci.md has no '## GitHub Actions' section")
        let open = try #require(lines[heading...].firstIndex { $0.hasPrefix("```yaml") }, "no ```yaml block under '## GitHub Actions'")
        #expect(!lines[(heading + 1)..<open].contains { $0.hasPrefix("## ") }, "the ```yaml block is not in the '## GitHub Actions' section")
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
        let text = lines[(open + 1)..<close].joined(separator: "\n") + "\n"
        return try WorkflowDoc(text: text)
    }

    init(text: String) throws {
        self.text = text
        root = try #require(try Yams.compose(yaml: text))
        let jobs = try #require(root["jobs"]?.mapping, "no jobs")
        #expect(jobs.count == 1, "the local run emulates a single job")
        job = try #require(jobs.first?.value)
        let known: Set<String> = ["name", "id", "uses", "run", "if", "with", "env", "working-directory", "shell", "continue-on-error", "timeout-minutes"]
        steps = try #require(job["steps"]?.sequence, "no steps").map { node in
            var step = Step()
            for (key, value) in node.mapping ?? [:] {
                let name = key.string ?? ""
                if !known.contains(name) { Issue.record("step key '\(name)' is not emulated by WorkflowTests") }
                switch name {
                case "name": step.name = value.string
                case "uses": step.uses = value.string
                case "run": step.run = value.string
                case "if": step.condition = value.string
                case "working-directory": step.workingDirectory = value.string
                case "shell": step.shell = value.string
                case "continue-on-error": step.continueOnError = value.bool ?? false
                case "with", "env":
                    var pairs: [String: String] = [:]
                    for (k, v) in value.mapping ?? [:] { pairs[k.string ?? ""] = v.string ?? "" }
                    if name == "with" { step.with = pairs } else { step.env = pairs }
                default: break
                }
            }
            return step
        }
    }

    /// `on:` as a list of event names (`on` is a plain key here, though YAML 1.1 reads it as true).
    var triggers: [String] {
        guard let on = root.mapping?.first(where: { $0.key.string == "on" })?.value else { return [] }
        if let name = on.string { return [name] }
        if let list = on.sequence { return list.compactMap(\.string) }
        return on.mapping?.keys.compactMap(\.string) ?? []
    }

    func layout() throws -> Layout {
        let checkouts = steps.filter { $0.uses?.hasPrefix("actions/checkout@") == true }
        #expect(checkouts.count == 2, "the data repository and conform")
        let data = try #require(checkouts.first { $0.with["repository"] == nil }, "no checkout of the workflow's own repository")
        let conform = try #require(checkouts.first { $0.with["repository"] != nil }, "no checkout of conform")
        return Layout(data: Self.tidy(data.with["path"] ?? ""), conform: Self.tidy(try #require(conform.with["path"])))
    }

    static func tidy(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasSuffix("/") { path.removeLast() }
        return path == "." ? "" : path
    }

    /// `working-directory` of a step, or the job's or workflow's `defaults.run`.
    func workingDirectory(of step: Step) -> String? {
        step.workingDirectory ?? job["defaults"]?["run"]?["working-directory"]?.string ?? root["defaults"]?["run"]?["working-directory"]?.string
    }

    func shell(of step: Step) -> String? {
        step.shell ?? job["defaults"]?["run"]?["shell"]?.string ?? root["defaults"]?["run"]?["shell"]?.string
    }
}

// MARK: - A workspace like the runner's

/// A GitHub workspace made locally: the data repository (`examples/` committed on `main`, then a
/// branch that changes one file, `origin/main` at the first commit) and conform's checkout with
/// the tests' conform binary where "Build conform" puts it.
fileprivate struct WorkflowSandbox {
    static let changedFile = "brownfield/dirty.csv"
    static let exampleFiles = ["brownfield/clean.csv", "brownfield/dirty.csv", "360giving/dirty.json", "360giving/grants.json"]
        + ["360giving-flat", "hmt-spend-over-25k", "lga-planning-applications", "lga-public-toilets", "lga-premises-licences",
           "hsds-1.1-organization"].flatMap { ["\($0)/clean.csv", "\($0)/dirty.csv"] }
    /// `run:` steps replaced by the sandbox: they need root and the network, or minutes.
    static let emulated: Set<String> = ["System libraries", "Build conform"]

    let workflow: WorkflowDoc
    let root: URL
    let workspace: URL
    let home: URL
    let data: URL
    let conform: URL

    init(workflow: WorkflowDoc, project: String? = nil) throws {
        self.workflow = workflow
        let layout = try workflow.layout()
        root = URL(fileURLWithPath: Self.realPath(TestSupport.temporaryDirectory().path))
        workspace = root.appendingPathComponent("workspace")
        home = root.appendingPathComponent("home")
        data = layout.data.isEmpty ? workspace : workspace.appendingPathComponent(layout.data)
        conform = workspace.appendingPathComponent(layout.conform)
        let fileManager = FileManager.default
        for folder in [workspace, home, data, conform] { try fileManager.createDirectory(at: folder, withIntermediateDirectories: true) }

        // The data repository.
        let examples = TestSupport.repositoryRoot.appendingPathComponent("examples")
        for item in try fileManager.contentsOfDirectory(atPath: examples.path) {
            try fileManager.copyItem(at: examples.appendingPathComponent(item), to: data.appendingPathComponent(item))
        }
        if let project { try project.write(to: data.appendingPathComponent("conform.yaml"), atomically: true, encoding: .utf8) }
        try git(["init", "-q", "-b", "main"])
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "Data"])
        let base = try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["switch", "-q", "-c", "change"])
        let changed = data.appendingPathComponent(Self.changedFile)
        let before = try String(contentsOf: changed, encoding: .utf8)
        let after = before.replacingOccurrences(of: "not-a-geox", with: "still-not-a-geox")
        #expect(after != before)
        try after.write(to: changed, atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-a", "-m", "Change one file"])
        try git(["update-ref", "refs/remotes/origin/main", base])

        // conform's checkout: its examples and a build folder (CSV and JSON files a `**/` glob
        // could reach), and the binary "Build conform" would make.
        try fileManager.copyItem(at: examples, to: conform.appendingPathComponent("examples"))
        let release = conform.appendingPathComponent(".build/release")
        try fileManager.createDirectory(at: release, withIntermediateDirectories: true)
        try "{}\n".write(to: conform.appendingPathComponent(".build/workspace-state.json"), atomically: true, encoding: .utf8)
        let binary = CLITests.executable
        try #require(fileManager.isExecutableFile(atPath: binary.path), "no conform binary at \(binary.path): run swift build --build-tests")
        try fileManager.createSymbolicLink(at: release.appendingPathComponent("conform"), withDestinationURL: binary)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A clean environment: no system or user git configuration, no inherited GIT_* variables.
    func environment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var env = ["HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"]
        for key in ["PATH", "TMPDIR"] { if let value = inherited[key] { env[key] = value } }
        return env
    }

    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        let result = try WorkflowShell.run(["git", "-c", "user.name=conform tests", "-c", "user.email=tests@conform.invalid",
                                    "-c", "commit.gpgsign=false"] + arguments, in: data, environment: environment())
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// Whether git honours `GIT_TEST_ASSUME_DIFFERENT_OWNER` (git 2.36 and later): then the steps
    /// run with it, as in a container whose checkout belongs to the runner's user.
    static let gitAssumesDifferentOwner: Bool = {
        let directory = URL(fileURLWithPath: realPath(TestSupport.temporaryDirectory().path))
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["HOME": directory.path, "GIT_CONFIG_NOSYSTEM": "1", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        guard let made = try? WorkflowShell.run(["git", "init", "-q"], in: directory, environment: env), made.status == 0,
              let probe = try? WorkflowShell.run(["git", "rev-parse", "--git-dir"], in: directory, environment: env.merging(["GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"]) { $1 })
        else { return false }
        return probe.status != 0 && probe.stderr.contains("dubious ownership")
    }()

    struct StepRun {
        var name: String
        var status: Int32
        var stdout: String
        var stderr: String
        var summary: String
    }

    struct Run {
        var event: String
        var steps: [StepRun]
        func step(_ name: String) -> StepRun? { steps.first { $0.name == name } }
    }

    /// The expression contexts GitHub gives a `push` to `main` or a `pull_request` into `main`.
    func expressions(event: String, failed: Bool = false) -> WorkflowExpressions {
        var expressions = WorkflowExpressions(contexts: [
            "github.event_name": .string(event),
            "github.base_ref": .string(event == "pull_request" ? "main" : ""),
            "github.head_ref": .string(event == "pull_request" ? "change" : ""),
            "github.ref_name": .string(event == "pull_request" ? "1/merge" : "change"),
            "github.workspace": .string(workspace.path),
            "runner.os": .string("Linux"),
        ])
        expressions.failed = failed
        return expressions
    }

    /// Runs the workflow's `run:` steps (but the emulated ones and `without`) in order, as the runner would.
    func run(event: String, without: Set<String> = []) throws -> Run {
        var expressions = self.expressions(event: event)
        var results: [StepRun] = []
        try? FileManager.default.removeItem(at: home.appendingPathComponent(".gitconfig"))
        for file in ["conform.sarif", "conform.md"] { try? FileManager.default.removeItem(at: data.appendingPathComponent(file)) }
        let steps = root.appendingPathComponent("steps")
        try FileManager.default.createDirectory(at: steps, withIntermediateDirectories: true)
        for (index, step) in workflow.steps.enumerated() {
            guard let script = step.run else { continue }
            let name = step.name ?? script
            if Self.emulated.contains(name) || without.contains(name) { continue }
            guard try expressions.condition(step.condition ?? "success()") else { continue }
            if let shell = workflow.shell(of: step), shell != "bash" {
                Issue.record("step '\(name)' uses shell \(shell); the test runs bash -e")
            }
            let file = steps.appendingPathComponent("\(index).sh")
            try expressions.substitute(script).write(to: file, atomically: true, encoding: .utf8)
            let summary = steps.appendingPathComponent("\(index).summary.md")
            _ = FileManager.default.createFile(atPath: summary.path, contents: nil)
            var env = environment()
            env["CI"] = "true"
            env["GITHUB_ACTIONS"] = "true"
            env["GITHUB_WORKSPACE"] = workspace.path
            env["GITHUB_EVENT_NAME"] = event
            env["GITHUB_BASE_REF"] = event == "pull_request" ? "main" : ""
            env["GITHUB_STEP_SUMMARY"] = summary.path
            env["RUNNER_OS"] = "Linux"
            if Self.gitAssumesDifferentOwner { env["GIT_TEST_ASSUME_DIFFERENT_OWNER"] = "1" }
            for (key, value) in step.env { env[key] = try expressions.substitute(value) }
            let folder = try workflow.workingDirectory(of: step).map { workspace.appendingPathComponent(try expressions.substitute($0)) } ?? workspace
            let result = try WorkflowShell.run(["bash", "-e", file.path], in: folder, environment: env)
            results.append(StepRun(name: name, status: result.status, stdout: result.stdout, stderr: result.stderr,
                                   summary: (try? String(contentsOf: summary, encoding: .utf8)) ?? ""))
            if result.status != 0 && !step.continueOnError { expressions.failed = true }
        }
        return Run(event: event, steps: results)
    }
}

// MARK: - Processes

fileprivate enum WorkflowShell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` through /usr/bin/env; output goes to files, so neither pipe can fill up.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("conform-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

/// `check-jsonschema` (PyPI; installed by `.ci/run`, required when `CONFORM_REQUIRE_SCHEMA_CHECK=1`).
fileprivate enum WorkflowSchemaChecker {
    /// The command that runs it: the module in python3, else the executable on PATH.
    static let command: [String]? = {
        let env = ProcessInfo.processInfo.environment
        let here = FileManager.default.temporaryDirectory
        for candidate in [["python3", "-m", "check_jsonschema"], ["check-jsonschema"]] {
            if let probe = try? WorkflowShell.run(candidate + ["--version"], in: here, environment: env), probe.status == 0 { return candidate }
        }
        return nil
    }()

    /// The checker's result, or nil (with an issue when it is required) when it is not installed.
    static func run(_ arguments: [String]) throws -> WorkflowShell.Result? {
        guard let command else {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" {
                Issue.record("check-jsonschema is not installed (pip install check-jsonschema)")
            } else {
                print("WorkflowTests: check-jsonschema is not installed; the workflow's schema check is skipped")
            }
            return nil
        }
        return try WorkflowShell.run(command + arguments, in: FileManager.default.temporaryDirectory, environment: ProcessInfo.processInfo.environment)
    }
}

// MARK: - GitHub expressions

/// GitHub Actions expressions, the part of the language a workflow here may use: literals,
/// context properties given in `contexts`, `!`, `==`, `!=`, `&&`, `||`, parentheses, `format`,
/// and the status functions. Anything else throws `Unsupported`, so that the test fails rather
/// than guess.
fileprivate struct WorkflowExpressions {
    enum Value: Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)

        var truthy: Bool {
            switch self {
            case .null: false
            case .bool(let value): value
            case .number(let value): value != 0 && !value.isNaN
            case .string(let value): !value.isEmpty
            }
        }

        var text: String {
            switch self {
            case .null: ""
            case .bool(let value): value ? "true" : "false"
            case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            case .string(let value): value
            }
        }

        var number: Double {
            switch self {
            case .null: return 0
            case .bool(let value): return value ? 1 : 0
            case .number(let value): return value
            case .string(let value):
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? 0 : Double(trimmed) ?? .nan
            }
        }

        /// `==` as GitHub has it: strings ignore case; other types are compared as numbers.
        static func loosely(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.string(let x), .string(let y)): x.lowercased() == y.lowercased()
            case (.null, .null): true
            case (.bool(let x), .bool(let y)): x == y
            default: a.number == b.number
            }
        }
    }

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    var contexts: [String: Value]
    /// Whether an earlier step failed (for `success()` and `failure()`).
    var failed = false

    init(contexts: [String: Value]) { self.contexts = contexts }

    /// `text` with each `${{ … }}` replaced by its value as a string.
    func substitute(_ text: String) throws -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${{") {
            output += rest[..<open.lowerBound]
            var index = open.upperBound
            var quoted = false
            var close: Range<Substring.Index>?
            while index < rest.endIndex {
                if rest[index] == "'" { quoted.toggle() }
                if !quoted && rest[index...].hasPrefix("}}") {
                    close = index..<rest.index(index, offsetBy: 2)
                    break
                }
                index = rest.index(after: index)
            }
            guard let close else { throw Unsupported(description: "unclosed ${{ in \(text)") }
            output += try evaluate(String(rest[open.upperBound..<close.lowerBound])).text
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// An `if:` condition: `${{ }}` optional, and `success() && (…)` unless a status function is named.
    func condition(_ text: String) throws -> Bool {
        var expression = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if expression.hasPrefix("${{") && expression.hasSuffix("}}") {
            expression = String(expression.dropFirst(3).dropLast(2))
        }
        let statuses = ["success(", "failure(", "always(", "cancelled("]
        if !statuses.contains(where: { expression.replacingOccurrences(of: " ", with: "").contains($0) }) {
            expression = "success() && (\(expression))"
        }
        return try evaluate(expression).truthy
    }

    func evaluate(_ expression: String) throws -> Value {
        var parser = Parser(tokens: try Self.tokens(expression), expressions: self)
        let value = try parser.or()
        guard parser.position == parser.tokens.count else { throw Unsupported(description: "cannot read '\(expression)'") }
        return value
    }

    enum Token: Equatable {
        case literal(Value)
        case name(String)
        case symbol(String)
    }

    static func tokens(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace { i += 1; continue }
            if c == "'" {
                var value = ""
                i += 1
                while true {
                    guard i < characters.count else { throw Unsupported(description: "unclosed string in \(text)") }
                    if characters[i] == "'" {
                        if i + 1 < characters.count && characters[i + 1] == "'" { value.append("'"); i += 2; continue }
                        i += 1
                        break
                    }
                    value.append(characters[i])
                    i += 1
                }
                tokens.append(.literal(.string(value)))
            } else if c.isNumber {
                var digits = ""
                while i < characters.count && (characters[i].isNumber || characters[i] == ".") { digits.append(characters[i]); i += 1 }
                guard let number = Double(digits) else { throw Unsupported(description: "number \(digits)") }
                tokens.append(.literal(.number(number)))
            } else if c.isLetter || c == "_" {
                var name = ""
                while i < characters.count && (characters[i].isLetter || characters[i].isNumber || characters[i] == "_" || characters[i] == "-") {
                    name.append(characters[i])
                    i += 1
                }
                switch name {
                case "true": tokens.append(.literal(.bool(true)))
                case "false": tokens.append(.literal(.bool(false)))
                case "null": tokens.append(.literal(.null))
                default: tokens.append(.name(name))
                }
            } else {
                let two = i + 1 < characters.count ? String(characters[i...i + 1]) : ""
                if ["==", "!=", "&&", "||"].contains(two) {
                    tokens.append(.symbol(two))
                    i += 2
                } else if "!().,".contains(c) {
                    tokens.append(.symbol(String(c)))
                    i += 1
                } else {
                    throw Unsupported(description: "operator '\(c)' in \(text)")
                }
            }
        }
        return tokens
    }

    struct Parser {
        var tokens: [Token]
        var position = 0
        let expressions: WorkflowExpressions

        init(tokens: [Token], expressions: WorkflowExpressions) {
            self.tokens = tokens
            self.expressions = expressions
        }

        mutating func accept(_ symbol: String) -> Bool {
            guard position < tokens.count, tokens[position] == .symbol(symbol) else { return false }
            position += 1
            return true
        }

        mutating func expect(_ symbol: String) throws {
            guard accept(symbol) else { throw Unsupported(description: "expected '\(symbol)'") }
        }

        // Both sides are always evaluated (no side effects), so an unknown context fails either way.
        mutating func or() throws -> Value {
            var left = try and()
            while accept("||") {
                let right = try and()
                left = left.truthy ? left : right
            }
            return left
        }

        mutating func and() throws -> Value {
            var left = try equality()
            while accept("&&") {
                let right = try equality()
                left = left.truthy ? right : left
            }
            return left
        }

        mutating func equality() throws -> Value {
            var left = try unary()
            while true {
                if accept("==") {
                    left = .bool(Value.loosely(left, try unary()))
                } else if accept("!=") {
                    left = .bool(!Value.loosely(left, try unary()))
                } else {
                    return left
                }
            }
        }

        mutating func unary() throws -> Value {
            if accept("!") { return .bool(!(try unary()).truthy) }
            return try primary()
        }

        mutating func primary() throws -> Value {
            guard position < tokens.count else { throw Unsupported(description: "expression ends early") }
            let token = tokens[position]
            position += 1
            switch token {
            case .literal(let value):
                return value
            case .symbol("("):
                let value = try or()
                try expect(")")
                return value
            case .name(let name):
                if accept("(") {
                    var arguments: [Value] = []
                    if !accept(")") {
                        repeat { arguments.append(try or()) } while accept(",")
                        try expect(")")
                    }
                    return try call(name, arguments)
                }
                var path = name
                while accept(".") {
                    guard position < tokens.count, case .name(let part) = tokens[position] else { throw Unsupported(description: "property after \(path)") }
                    path += "." + part
                    position += 1
                }
                guard let value = expressions.contexts[path] else { throw Unsupported(description: "context \(path) is not emulated") }
                return value
            case .symbol(let symbol):
                throw Unsupported(description: "unexpected '\(symbol)'")
            }
        }

        func call(_ name: String, _ arguments: [Value]) throws -> Value {
            switch (name.lowercased(), arguments.count) {
            case ("always", 0): return .bool(true)
            case ("success", 0): return .bool(!expressions.failed)
            case ("failure", 0): return .bool(expressions.failed)
            case ("cancelled", 0): return .bool(false)
            case ("format", 1...):
                guard case .string(let pattern) = arguments[0] else { throw Unsupported(description: "format needs a string") }
                return .string(try Self.format(pattern, Array(arguments.dropFirst())))
            default:
                throw Unsupported(description: "function \(name) with \(arguments.count) arguments is not emulated")
            }
        }

        /// `format('{0} {1}', …)`, with `{{` and `}}` for braces.
        static func format(_ pattern: String, _ arguments: [Value]) throws -> String {
            var output = ""
            let characters = Array(pattern)
            var i = 0
            while i < characters.count {
                let c = characters[i]
                if c == "{" && i + 1 < characters.count && characters[i + 1] == "{" { output.append("{"); i += 2; continue }
                if c == "}" && i + 1 < characters.count && characters[i + 1] == "}" { output.append("}"); i += 2; continue }
                if c == "{" {
                    guard let end = characters[i...].firstIndex(of: "}"), let index = Int(String(characters[(i + 1)..<end])),
                          arguments.indices.contains(index)
                    else { throw Unsupported(description: "format pattern \(pattern)") }
                    output += arguments[index].text
                    i = end + 1
                    continue
                }
                output.append(c)
                i += 1
            }
            return output
        }
    }
}
