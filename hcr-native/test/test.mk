# C tests of the runtime, included by ../Makefile.
#
# The test project p (test/gens/p/<N>/ holds the edit making generation N)
# is rebuilt from scratch on every run by test/mkgen.sh, which does what
# hcr's compiler does; then test_hcr runs every test in a child process.

TBUILD = $(BUILD)/test
TCFLAGS = -Wall -Wextra -Werror -O2 -g -Iinclude
PGENS = $(shell ls test/gens/p | sort -n)

$(TBUILD)/test_hcr: test/test_hcr.c test/check.h include/hcr_host.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -o $@ test/test_hcr.c -L$(OUT) -lhcr \
		-Wl,-rpath,$(abspath $(OUT)) $(LIBS)

# a host that dlopens libhcr with RTLD_LOCAL, as a JVM would
$(TBUILD)/local_host: test/local_host.c include/hcr_host.h
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -o $@ $< $(LIBS)

# the same program API built without hcr: no -DHCR, no libhcr
$(TBUILD)/plain: test/plain.c include/hcr.h
	@mkdir -p $(@D)
	$(CC) $(TCFLAGS) -Wpedantic -o $@ $<

# generations are rebuilt from scratch when an edit or the script changes
$(TBUILD)/gens.stamp: test/mkgen.sh $(shell find test/gens -type f) include/hcr.h
	@rm -rf $(TBUILD)/p $(TBUILD)/nomain
	@mkdir -p $(TBUILD)
	@for n in $(PGENS); do \
		sh test/mkgen.sh $(TBUILD)/p $$n test/gens/p/$$n include || exit 1; \
	done
	@sh test/mkgen.sh $(TBUILD)/nomain 1 test/gens/nomain/1 include
	@touch $@

test: $(TBUILD)/gens.stamp $(TBUILD)/test_hcr $(TBUILD)/local_host $(TBUILD)/plain
	$(TBUILD)/test_hcr $(TBUILD)/p $(TBUILD)/nomain $(TBUILD)/plain \
		$(TBUILD)/local_host $(abspath $(LIB))
