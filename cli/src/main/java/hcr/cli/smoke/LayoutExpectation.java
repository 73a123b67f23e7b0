package hcr.cli.smoke;

import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code expect layout NAME... | none}: the layout changes the newest published generation found
 * (issue 10): its globals and statics whose layout changed at the same size, and its struct and
 * union types whose layout changed (compared after publication: waited for).
 */
final class LayoutExpectation {

    private LayoutExpectation() {
    }

    /** The names of a step's words: {@code struct} and {@code union} take the next word with them. */
    static List<String> names(List<String> words) {
        if (words.equals(List.of("none"))) {
            return List.of();
        }
        var names = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            var word = words.get(i);
            boolean tagged = (word.equals("struct") || word.equals("union")) && i + 1 < words.size();
            names.add(tagged ? word + " " + words.get(++i) : word);
        }
        return names.stream().sorted().toList();
    }

    static String check(Optional<Generation> newest, Step.ExpectLayout step, Duration timeout)
            throws StepFailure, InterruptedException {
        var published = newest.orElseThrow(() -> new StepFailure("a published generation", "none"));
        var changes = new ArrayList<>(published.layoutChanges());
        try {
            changes.addAll(published.typeChanges().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new StepFailure("gen " + published.number() + "'s types compared", e.toString());
        }
        var found = changes.stream().map(LayoutChange::name).sorted().toList();
        if (!found.equals(step.names())) {
            throw new StepFailure("gen " + published.number() + " to find layout changes of " + step.names(),
                    found.isEmpty() ? "none" : "changes of " + found);
        }
        return changes.stream().map(LayoutChange::message).collect(Collectors.joining("; "));
    }
}
