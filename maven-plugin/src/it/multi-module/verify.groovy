// the app module's image, read with the project's squashfs reader: the library module's jar in lib/, as the
// reactor built it, before the app's jar; the app runs the library's code from the image's jars
import dev.portajava.squashfs.SquashfsImage

def raw = new File(basedir, 'app/target/app_1.0.raw')
assert raw.isFile()
def library = new File(basedir, 'library/target/library-1.0.jar')
def work = new File(basedir, 'target/jars')
work.mkdirs()
def image = SquashfsImage.open(raw.toPath())
try {
    def entry = image.lookup('/usr/lib/app/lib/library-1.0.jar').orElseThrow { new AssertionError('no library jar in the image') }
    def libraryJar = new File(work, 'library-1.0.jar')
    libraryJar.withOutputStream { image.copy(entry, it) }
    assert libraryJar.bytes == library.bytes
    def app = image.lookup('/usr/lib/app/app/app-1.0.jar').orElseThrow { new AssertionError('no app jar in the image') }
    def appJar = new File(work, 'app-1.0.jar')
    appJar.withOutputStream { image.copy(app, it) }
    def unit = new String(image.readAllBytes(image.lookup('/usr/lib/systemd/system/app.service').get(), 65536), 'UTF-8')
    assert unit.contains(' -cp usr/lib/app/lib/library-1.0.jar:usr/lib/app/app/app-1.0.jar demo.app.Main\n')
    // the image's java, as the unit runs it: the runtime the image's spec copied from the build's cache, where it
    // lies (its release file is the image's), never copied to the build's tree first
    def spec = new File(basedir, 'app/target/portajava/spec/portable.toml').text
    def from = (spec =~ /from = "([^"]+)"\nto = "\/usr\/lib\/app\/runtime"/)[0][1]
    assert from.startsWith(new File(basedir, '../../it-cache').canonicalPath) : from
    def release = image.readAllBytes(image.lookup('/usr/lib/app/runtime/release').get(), 65536)
    assert new File(from, 'release').bytes == release
    assert !new File(basedir, 'app/target/portajava/root/usr/lib/app/runtime').exists()
    def java = new File(from, 'bin/java').path
    def run = [java, '-cp', "${libraryJar}:${appJar}", 'demo.app.Main'].execute()
    def out = run.text
    assert run.waitFor() == 0
    assert out == 'greeting from the library module, app\n'
} finally {
    image.close()
    work.deleteDir()
}
// the training run ran the library's code
assert new File(basedir, 'app/target/portajava/training/classes.lst').text.contains('demo/library/Greeting')
