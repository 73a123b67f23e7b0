package hcr.compiler;

import java.nio.file.Path;

/**
 * One live module of a published generation.
 *
 * @param id       module id ({@code physics/body})
 * @param source   its source file
 * @param library  its library file name in the generation folder ({@code libphysics__body.g3.so})
 * @param state    new, changed or kept relative to the previous generation
 * @param compiled whether this build ran the compiler on it (a kept module may have been
 *                 recompiled into an identical object)
 */
public record ModuleBuild(String id, Path source, String library, ModuleState state, boolean compiled) {
}
