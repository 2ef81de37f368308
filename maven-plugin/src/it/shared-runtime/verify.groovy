// two applications built with a shared runtime: one runtime image, named by its content, and two extensions of it
def target = new File(basedir, 'target')
def runtimes = target.listFiles().findAll { it.name ==~ /java-runtime_[0-9]+-[0-9a-f]{12}/ }
assert runtimes.size() == 1 : "one runtime image for both: ${target.list()}"
def runtime = runtimes[0]
def version = runtime.name.substring('java-runtime_'.length())
assert new File(runtime, 'usr/lib/java-runtime/bin/java').canExecute()
assert new File(runtime, 'usr/lib/os-release').text.contains("VERSION_ID=${version}\n")
for (app in ['app-one', 'app-two']) {
    def image = new File(target, "${app}_1.0")
    assert new File(image, "usr/lib/${app}/app/shared-runtime-1.0.jar").isFile()
    assert new File(image, "usr/lib/${app}/${app}.jsa").isFile()
    assert !new File(image, 'usr/lib/java-runtime').exists()
    assert !new File(image, "usr/lib/${app}/runtime").exists()
    assert !new File(image, 'lib64').exists()
    def unit = new File(image, "usr/lib/systemd/system/${app}.service").text
    assert unit.contains("ExecStart=/usr/lib/java-runtime/bin/java -XX:SharedArchiveFile=/usr/lib/${app}/${app}.jsa")
    def release = new File(image, "usr/lib/extension-release.d/extension-release.${app}_1.0").text
    assert release.contains('ID=java-runtime\n')
    assert release.contains("VERSION_ID=${version}\n")
}
def log = new File(basedir, 'build.log').text
assert log.contains("built ${runtime} (the runtime, shared)")
