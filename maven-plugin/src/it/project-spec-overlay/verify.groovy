// a [[copy]] to / whose tree holds the application's directory would replace the plugin's jars: refused in one line
// naming the file and the entry, before anything is written
def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'portable.toml').canonicalPath
assert log.contains("portajava:build: ${file}: [[copy]] from = \"overlay\", to = \"/\": its usr/lib/project-spec-overlay would be /usr/lib/project-spec-overlay, in what the plugin writes (/usr/lib/project-spec-overlay: the runtime, the jars and the start-up archive)")
assert !new File(basedir, 'target/project-spec-overlay_1.0').exists()
assert !new File(basedir, 'target/portajava').exists()
