/// What every fuzz target shares: handing control to libFuzzer. SwiftPM links an executable's
/// entry point as `<Target>_main`, so each target defines that symbol and calls `runLibFuzzer`,
/// which runs libFuzzer's driver (`LLVMFuzzerRunDriver`) with the target's test function.
public typealias FuzzTestOneInput = @convention(c) (UnsafeRawPointer?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: FuzzTestOneInput) -> CInt

/// Runs libFuzzer with the command line and `test`; returns its exit code.
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: FuzzTestOneInput) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments, test)
}
