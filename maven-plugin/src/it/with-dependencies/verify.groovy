// a raw image named by the configured name; the dependency went to lib/ as it is, before the project's jar
def raw = new File(basedir, 'target/greeter_1.0.raw')
assert raw.isFile()
def unit = new File(basedir, 'target/portajava/spec/greeter.service').text
assert unit.contains(' -Xmx32m -cp usr/lib/greeter/lib/slf4j-api-2.0.16.jar:usr/lib/greeter/app/with-dependencies-1.0.jar demo.Main\n')
assert unit.contains('Environment="GREETING=hello"\n')
def root = new File(basedir, 'target/portajava/root/usr/lib/greeter')
def dependency = new File(root, 'lib/slf4j-api-2.0.16.jar')
def original = new File(localRepositoryPath, 'org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar')
assert dependency.bytes == original.bytes
// the training run of the main class loaded the dependency's classes: the archive is made of that list
assert new File(basedir, 'target/portajava/training/classes.lst').text.contains('org/slf4j/LoggerFactory')
