// a [[copy]] to / whose tree holds the application's directory would replace the plugin's jars: refused in one line
// naming the file and the entry, before anything is written
def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'portable.toml').canonicalPath
def home = '/usr/lib/project-spec-overlay'
assert log.contains("portajava:build: ${file}: [[copy]] from = \"overlay\", to = \"/\": its ${home.substring(1)}"
        + " would be ${home}, in what the plugin writes (${home}: the runtime, the jars and the start-up archive)")
assert !new File(basedir, 'target/project-spec-overlay_1.0').exists()
assert !new File(basedir, 'target/portajava').exists()
