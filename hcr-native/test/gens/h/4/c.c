/* module c, generation 4: its state grows (int to long long) */
#include "hcr.h"

void hcr_test_log(const char *what);
int hcr_test_seed(const char *who);

HCR_STATE(long long, count, hcr_test_seed("c"));

int c_get(void)
{
	return (int)++*count;
}

void *c_count(void)
{
	return count;
}

static void init(void)
{
	hcr_test_log("c:init");
}
HCR_INIT(init);

/* logs which modules the reload about to happen changes */
static void log_changed(void)
{
	const char *ids = "abcd";
	char line[16] = "changed:", id[2] = "";
	int i, n = 8;

	for (i = 0; ids[i]; i++) {
		id[0] = ids[i];
		if (hcrHasModuleChanged(id))
			line[n++] = ids[i];
	}
	line[n] = '\0';
	hcr_test_log(line);
}

static void before(void)
{
	hcr_test_log("c:before");
	if (hcrReloadNeeded())
		log_changed();
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	hcr_test_log("c:after");
}
HCR_AFTER_RELOAD(after);
