// the portable.toml may not set what the plugin's configuration does: refused in one line naming the file,
// before anything is written
def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'portable.toml').canonicalPath
assert log.contains("portajava:build: ${file}: [image] is set by the plugin (<name>, <version>, <prettyName> and the unit it writes); remove the table")
assert !new File(basedir, 'target/project-spec-conflict_1.0').exists()
assert !new File(basedir, 'target/portajava').exists()
