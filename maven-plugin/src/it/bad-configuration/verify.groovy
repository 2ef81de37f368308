// refused in one line that names the unknown element, and no image written
def log = new File(basedir, 'build.log').text
assert log.contains('portajava:build: unknown configuration <jvmFlag>; known: cacheDirectory, compression, ')
assert !new File(basedir, 'target/bad-configuration_1.0.raw').exists()
assert !new File(basedir, 'target/portajava').exists()
