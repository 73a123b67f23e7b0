package hcr.cli.smoke;

import hcr.compiler.BuildReport;
import hcr.loader.HostEvent;
import java.util.List;

/** Something the smoke run saw happen, in the order it happened: the {@link Timeline}'s entries. */
sealed interface Observed {

    /** A line the program printed on stdout or stderr. */
    record Output(String line) implements Observed {
    }

    /** A build finished (started by a change the watcher saw, or by {@code start}). */
    record Built(BuildReport report) implements Observed {
    }

    /** The program started (a new host process), at {@code generation}. */
    record Started(long pid, int generation) implements Observed {
    }

    /**
     * A reload was applied: the generation it loaded and what it did to modules and statics.
     *
     * @param shared  statics the new code shares with the old, by name
     * @param carried statics carried by value
     */
    record Reloaded(int generation, List<String> reloaded, List<String> loaded, List<String> removed,
                    List<String> reset, List<String> shared, long carried, long micros) implements Observed {
        public Reloaded {
            reloaded = List.copyOf(reloaded).stream().sorted().toList();
            loaded = List.copyOf(loaded).stream().sorted().toList();
            removed = List.copyOf(removed).stream().sorted().toList();
            reset = List.copyOf(reset).stream().sorted().toList();
            shared = List.copyOf(shared).stream().sorted().toList();
        }

        Step.ModuleChange modules() {
            return new Step.ModuleChange(reloaded, loaded, removed);
        }
    }

    /** The program ended: exited, crashed, or stopped by the run. */
    record Ended(HostEvent.Ending ending) implements Observed {
    }

    /** The program could not be started: no host came up, or the runtime refused the generation. */
    record NotStarted(String message) implements Observed {
    }

    /** Something went wrong that is not the program's output: a refused reload, a runtime error, a watch error. */
    record Trouble(String message) implements Observed {
    }
}
