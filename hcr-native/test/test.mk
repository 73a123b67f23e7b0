# C tests of the runtime, included by ../Makefile.
#
# The test projects p, h, k, d, x, f, e, w and s (test/gens/<project>/<N>/ holds
# the edit making generation N) and nomain are rebuilt from scratch whenever
# an edit or the script changes, by test/mkgen.sh, which does what hcr's
# compiler does; the plugin x's program loads at run time is built outside
# it; then test_hcr runs every test in a child process.

TBUILD = $(BUILD)/test
TCFLAGS = -Wall -Wextra -Werror -O2 -g -Iinclude
TSRCS = test/test_hcr.c test/test_hooks.c test/test_exports.c test/test_forward.c \
	test/test_statics.c test/check.c
THDRS = test/check.h test/test_hooks.h test/test_exports.h test/test_forward.h \
	test/test_statics.h include/hcr_host.h

# the modules of h and k call hcr_test_log and hcr_test_seed in test_hcr
$(TBUILD)/test_hcr: $(TSRCS) $(THDRS) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -o $@ $(TSRCS) -L$(OUT) -lhcr \
		-Wl,--export-dynamic-symbol='hcr_test_*' \
		-Wl,-rpath,$(abspath $(OUT)) $(LIBS)

# a plugin of project x, built outside it, as plugins are: it knows the
# program's functions and globals by their C names only
$(TBUILD)/plugin.so: test/plugin.c
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -shared -fPIC -o $@ $<

# a host that dlopens libhcr with RTLD_LOCAL, as a JVM would
$(TBUILD)/local_host: test/local_host.c include/hcr_host.h
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -o $@ $< $(LIBS)

# the same program API built without hcr: no -DHCR, no libhcr
PSRCS = test/plain.c test/plain_util.c
$(TBUILD)/plain: $(PSRCS) include/hcr.h $(TBUILD)/descriptors.stamp
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -std=c11 -Wpedantic -o $@ $(PSRCS)

# built as hcr builds it, at every -O: the 6 descriptors of plain.c stay
$(TBUILD)/descriptors.stamp: $(PSRCS) include/hcr.h
	@mkdir -p $(@D)
	@for o in 0 1 2 3 s; do \
		$(CC) $(TCFLAGS) -std=c11 -Wpedantic -DHCR=1 -fPIC -O$$o -c \
			-o $(TBUILD)/descriptors.o test/plain.c || exit 1; \
		n=$$(nm $(TBUILD)/descriptors.o | \
			grep -cE ' [a-z] hcr__(init|before|after|state)__'); \
		[ "$$n" = 6 ] || { echo "-O$$o: $$n descriptors"; exit 1; }; \
	done
	@touch $@

# every generation of every project, in order
$(TBUILD)/gens.stamp: test/mkgen.sh $(shell find test/gens -type f) include/hcr.h
	@rm -rf $(TBUILD)/p $(TBUILD)/nomain $(TBUILD)/h $(TBUILD)/k $(TBUILD)/d \
		$(TBUILD)/x $(TBUILD)/f $(TBUILD)/e $(TBUILD)/w $(TBUILD)/s
	@mkdir -p $(TBUILD)
	@for p in p nomain h k d x f e w s; do \
		for n in $$(ls test/gens/$$p | sort -n); do \
			sh test/mkgen.sh $(TBUILD)/$$p $$n test/gens/$$p/$$n \
				include || exit 1; \
		done; \
	done
	@touch $@

test: $(TBUILD)/gens.stamp $(TBUILD)/test_hcr $(TBUILD)/local_host $(TBUILD)/plain \
		$(TBUILD)/plugin.so
	$(TBUILD)/test_hcr $(TBUILD)/p $(TBUILD)/nomain $(TBUILD)/plain \
		$(TBUILD)/local_host $(abspath $(LIB)) $(TBUILD)/h $(TBUILD)/k \
		$(TBUILD)/d $(TBUILD)/x $(abspath $(TBUILD)/plugin.so)
