package dev.portajava.builder;


/** An external program the chosen output format needs is not installed. */
public final class MissingToolException extends ImageBuildException {

    private static final long serialVersionUID = 1L;

    public MissingToolException(String tool, String hint) {
        super(tool + " not found on PATH; " + hint);
    }

}
