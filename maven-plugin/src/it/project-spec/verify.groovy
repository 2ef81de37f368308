// the portable.toml next to the POM added its file, directory, os-release field and health check to the image
def image = new File(basedir, 'target/project-spec_1.0')
assert new File(image, 'etc/project-spec/demo.conf').text == 'greeting=hello\n'
assert new File(image, 'srv/project-spec').isDirectory()
def release = new File(image, 'usr/lib/os-release').text
assert release.contains('VERSION_CODENAME=first\n')
assert release.contains('PORTAJAVA_PROFILE=jit\n')
assert release.contains('PORTAJAVA_HEALTH_URL="http://127.0.0.1:8080/health"\n')
assert release.contains('PORTAJAVA_HEALTH_TIMEOUT=5s\n')
// and the plugin's own tree is whole
assert new File(image, 'usr/lib/project-spec/runtime/bin/java').canExecute()
assert new File(image, 'usr/lib/project-spec/app/project-spec-1.0.jar').isFile()
assert new File(image, 'usr/lib/systemd/system/project-spec.service').text.contains(' demo.Main\n')
