# bench/packaged.sh - sourced by the benchmarks of the packaged command (package.sh, startup.sh).
# unpack_package TARBALL WORK: unpacks the tarball into WORK and sets PKG (its tree), PJ (its launcher) and
# RUNTIME_JAVA (its runtime's java); compiles the bare JVM hello world they are compared with into WORK/hello.
# shellcheck shell=bash
unpack_package() {
    tar -xzf "$1" -C "$2"
    PKG="$(ls -d "$2"/portajava-*/)"
    PKG="${PKG%/}"
    PJ="$PKG/bin/portajava"
    RUNTIME_JAVA="$PKG/lib/runtime/bin/java"
    # the hello world starts as on a JDK, with a default archive of JDK classes: this copy of the runtime gets one
    # (portajava's launcher does not use it: its own archive holds the JDK classes it loads)
    "$RUNTIME_JAVA" -Xshare:dump >/dev/null
    mkdir -p "$2/hello"
    printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
        >"$2/hello/Hello.java"
    javac --release 17 -d "$2/hello" "$2/hello/Hello.java"
}
