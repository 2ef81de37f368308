// a shared runtime and its application's extension as disk images (ddi): each a GPT with a root partition and its
// verity hash partition, which check; the root file systems, read with the project's readers, hold the runtime and
// the application, and the extension's release file names the runtime's ID and VERSION_ID
import dev.portajava.ddi.Architecture
import dev.portajava.ddi.DiskPartition
import dev.portajava.ddi.ImageVerifier
import dev.portajava.squashfs.SquashfsImage

def target = new File(basedir, 'target')
def runtimes = target.listFiles().findAll { it.name ==~ /java-runtime_[0-9]+-[0-9a-f]{12}\.raw/ }
assert runtimes.size() == 1 : "one runtime image: ${target.list()}"
def runtime = runtimes[0]
def version = runtime.name.substring('java-runtime_'.length(), runtime.name.length() - '.raw'.length())
def app = new File(target, 'app-ddi_1.0.raw')
assert app.isFile() : "no app-ddi_1.0.raw: ${target.list()}"

def text = { SquashfsImage image, String path ->
    def entry = image.lookup(path).orElseThrow { new AssertionError("no ${path}") }
    new String(image.readAllBytes(entry, 1 << 20), 'UTF-8')
}
def root = { File disk ->
    def partitions = DiskPartition.read(disk.toPath()).orElseThrow { new AssertionError("no GPT in ${disk}") }
    def roots = partitions.findAll { it.isRootOf(Architecture.X86_64) || it.isRootOf(Architecture.ARM64) }
    assert roots.size() == 1 : "one root partition in ${disk}: ${partitions}"
    assert roots[0].readOnly()
    assert partitions.size() >= 2 : "a root and its verity partition in ${disk}: ${partitions}"
    def verification = ImageVerifier.verify(disk.toPath(), Optional.empty())
    assert verification.dataBlocks() > 0
    SquashfsImage.open(disk.toPath(), roots[0].offset())
}

def base = root(runtime)
try {
    def java = base.lookup('/usr/lib/java-runtime/bin/java')
            .orElseThrow { new AssertionError('no java in the runtime') }
    assert (java.mode() & 0111) != 0 : 'java is executable'
    def release = text(base, '/usr/lib/os-release')
    assert release.contains('ID=java-runtime\n')
    assert release.contains("VERSION_ID=${version}\n")
    def unit = text(base, '/usr/lib/systemd/system/java-runtime.service')
    assert unit.contains('ExecStart=/usr/lib/java-runtime/bin/java -version\n')
} finally {
    base.close()
}

def extension = root(app)
try {
    assert extension.lookup('/usr/lib/app-ddi/app/shared-runtime-ddi-1.0.jar').isPresent()
    assert extension.lookup('/usr/lib/app-ddi/app-ddi.jsa').isPresent()
    assert !extension.lookup('/usr/lib/java-runtime').isPresent()
    assert !extension.lookup('/usr/lib/app-ddi/runtime').isPresent()
    def unit = text(extension, '/usr/lib/systemd/system/app-ddi.service')
    assert unit.contains('ExecStart=/usr/lib/java-runtime/bin/java -XX:SharedArchiveFile=/usr/lib/app-ddi/app-ddi.jsa')
    def release = text(extension, '/usr/lib/extension-release.d/extension-release.app-ddi_1.0')
    assert release.contains('ID=java-runtime\n')
    assert release.contains("VERSION_ID=${version}\n")
} finally {
    extension.close()
}

def log = new File(basedir, 'build.log').text
assert log.contains("built ${runtime} (the runtime, shared)")
assert log.contains("built ${app} (an extension of it)")
