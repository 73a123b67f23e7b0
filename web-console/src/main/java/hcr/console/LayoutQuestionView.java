package hcr.console;

import java.util.List;

/**
 * The question the console asks when a struct or union type whose objects the running program may
 * hold changed layout (issue 10): shown with a Restart button until the program restarts or ends,
 * or the question is answered on the terminal.
 *
 * @param open       whether the question is asked now
 * @param generation the generation whose code reads the old objects with the new layout
 * @param lines      what hcr said, one line per type: {@code struct particle changed layout (vel:
 *                   offset 8 → 16); objects made before gen 5 are read with the new layout — restart?}
 */
public record LayoutQuestionView(boolean open, int generation, List<String> lines) {

    /** No question. */
    public static final LayoutQuestionView NONE = new LayoutQuestionView(false, 0, List.of());

    public LayoutQuestionView {
        lines = List.copyOf(lines);
    }
}
