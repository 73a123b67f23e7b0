/*
 * util.c - files and clocks: reading gen/current and manifests, copying
 * libraries into the run folder, making and cleaning run folders.
 *
 * Functions here return 0 or an HCR_E* code with the message already set
 * through hcr_fail().
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hcr_int.h"

/* snprintf for paths and names: fails (HCR_EIO) instead of truncating. */
int hcr_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < size)
		return 0;
	return hcr_fail(HCR_EIO, "path or name too long: %.200s...", buf);
}

/* Makes room for one more element; returns the (maybe moved) array. */
void *hcr_grow(void *array, int *cap, int n, size_t size)
{
	int want;

	if (n < *cap)
		return array;
	want = *cap ? *cap * 2 : 16;
	array = realloc(array, (size_t)want * size);
	if (array)
		*cap = want;
	return array;
}

long hcr_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* Reads a whole file into a NUL-terminated malloc'd buffer. */
int hcr_read_text(const char *path, char **text)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t len = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hcr_fail(HCR_EIO, "cannot open %s: %s", path,
				strerror(errno));
	if (fstat(fd, &st) < 0 || !(buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return hcr_fail(HCR_EIO, "cannot read %s: %s", path,
				strerror(errno));
	}
	while (len < (size_t)st.st_size) {
		got = read(fd, buf + len, (size_t)st.st_size - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	if (len < (size_t)st.st_size) {
		free(buf);
		return hcr_fail(HCR_EIO, "cannot read %s: short read", path);
	}
	buf[len] = '\0';
	*text = buf;
	return 0;
}

/* gen/current holds "N\n": the newest published generation. */
int hcr_read_current(const char *gendir, int *generation)
{
	char path[PATH_MAX], buf[32], *end;
	ssize_t got;
	long n;
	int fd;

	if (hcr_format(path, sizeof(path), "%s/current", gendir))
		return HCR_EIO;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hcr_fail(HCR_EIO, "cannot open %s: %s", path,
				strerror(errno));
	got = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (got < 0)
		return hcr_fail(HCR_EIO, "cannot read %s: %s", path,
				strerror(errno));
	buf[got] = '\0';
	errno = 0;
	n = strtol(buf, &end, 10);
	if (end == buf || (*end && *end != '\n') || errno || n <= 0 ||
	    n > INT_MAX)
		return hcr_fail(HCR_EMANIFEST,
				"%s: expected a generation number, got '%.20s'",
				path, buf);
	*generation = (int)n;
	return 0;
}

static int copy_fd(int in, int out)
{
	char buf[65536];
	ssize_t got, put, done;

	for (;;) {
		got = read(in, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return (int)got;
		for (done = 0; done < got; done += put) {
			put = write(out, buf + done, (size_t)(got - done));
			if (put < 0 && errno == EINTR)
				put = 0;
			else if (put < 0)
				return -1;
		}
	}
}

/*
 * Copies src to dst through a temporary name and a rename, so a library
 * already mapped under the name dst is never written to.
 */
int hcr_copy_file(const char *src, const char *dst)
{
	char tmp[PATH_MAX];
	int in, out, rc;

	if (hcr_format(tmp, sizeof(tmp), "%s.tmp", dst))
		return HCR_EIO;
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return hcr_fail(HCR_EIO, "cannot open %s: %s", src,
				strerror(errno));
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0) {
		close(in);
		return hcr_fail(HCR_EIO, "cannot create %s: %s", tmp,
				strerror(errno));
	}
	rc = copy_fd(in, out);
	close(in);
	if (close(out) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp, dst) == 0)
		return 0;
	rc = errno;
	unlink(tmp);
	return hcr_fail(HCR_EIO, "cannot copy %s to %s: %s", src, dst,
			strerror(rc));
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	return hcr_fail(HCR_EIO, "cannot create %s: %s", path,
			strerror(errno));
}

/* Empties and removes one run folder (it holds plain files only). */
static void remove_run_dir(const char *path)
{
	char file[PATH_MAX];
	struct dirent *e;
	DIR *d;

	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] ||
		    (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		if (!hcr_format(file, sizeof(file), "%s/%s", path, e->d_name))
			unlink(file);
	}
	closedir(d);
	rmdir(path);
}

static int pid_alive(long pid)
{
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

/* Removes run/<pid> folders whose process is gone. */
static void clean_run_dirs(const char *run)
{
	char path[PATH_MAX], *end;
	struct dirent *e;
	long pid;
	DIR *d;

	d = opendir(run);
	if (!d)
		return;
	while ((e = readdir(d))) {
		pid = strtol(e->d_name, &end, 10);
		if (end == e->d_name || *end || pid <= 0 || pid == getpid())
			continue;
		if (pid_alive(pid))
			continue;
		if (!hcr_format(path, sizeof(path), "%s/%s", run, e->d_name))
			remove_run_dir(path);
	}
	closedir(d);
}

/* Creates an empty <build>/run/<pid>/ and cleans up after dead pids. */
int hcr_prepare_run_dir(const char *build, char *rundir, size_t size)
{
	char run[PATH_MAX];
	int rc;

	rc = hcr_format(run, sizeof(run), "%s/run", build);
	if (!rc)
		rc = make_dir(run);
	if (rc)
		return rc;
	clean_run_dirs(run);
	if (hcr_format(rundir, size, "%s/%ld", run, (long)getpid()))
		return HCR_EIO;
	remove_run_dir(rundir);	/* left by an earlier process with our pid */
	return make_dir(rundir);
}

/* The protection (PROT_*) a loaded segment with program header flags PF_* gets. */
int hcr_segment_prot(unsigned int flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) |
	       ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}
