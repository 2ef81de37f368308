// the image as a directory: its runtime, the project's jar, the start-up archive and the unit
def image = new File(basedir, 'target/minimal_1.0')
assert new File(image, 'usr/lib/minimal/runtime/bin/java').canExecute()
assert new File(image, 'usr/lib/minimal/app/minimal-1.0.jar').isFile()
assert new File(image, 'usr/lib/minimal/minimal.jsa').isFile()
assert new File(image, 'lib64/ld-linux-x86-64.so.2').isFile()
def unit = new File(image, 'usr/lib/systemd/system/minimal.service').text
assert unit.contains('-cp usr/lib/minimal/app/minimal-1.0.jar demo.Main\n')
assert unit.contains('StateDirectory=minimal\n')
def release = new File(image, 'usr/lib/os-release').text
assert release.contains('IMAGE_VERSION=1.0')
assert release.contains('PORTABLE_PREFIXES=minimal')
// the runtime has only what the application needs
assert new File(image, 'usr/lib/minimal/runtime/release').text.contains('MODULES="java.base"')
