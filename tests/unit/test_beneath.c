/*
 * Unit tests for beneath_open() (src/ingest/beneath.c): links are
 * followed while they stay below the folder, never out of it, with
 * openat2() and without it. "Without" is tested two ways: with
 * NEWSFS_OPENAT2=0, and with a seccomp filter that makes openat2() fail
 * with ENOSYS, as a kernel before 5.6 or a container's filter does.
 */
#include "check.h"
#include "ingest/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#endif

static char top[1024];
static struct walk_root root;

static void make(const char *path, const char *text)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s", top, path);
	FILE *f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
}

static void link_to(const char *target, const char *path)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s", top, path);
	if (symlink(target, p) != 0)
		abort();
}

static void setup(void)
{
	char tmpl[] = "beneath.XXXXXX", p[PATH_MAX];
	char *real = mkdtemp(tmpl) ? realpath(tmpl, NULL) : NULL;
	if (!real || strlen(real) >= sizeof(top))
		abort();
	strcpy(top, real);
	free(real);
	snprintf(p, sizeof(p), "%s/news", top);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/news/sub", top);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/outside", top);
	mkdir(p, 0755);
	make("news/a.txt", "article a\n");
	make("news/sub/b.txt", "article b\n");
	make("outside/secret.txt", "secret\n");
	link_to("sub/b.txt", "news/in-rel.txt");
	snprintf(p, sizeof(p), "%s/news/sub/b.txt", top);
	link_to(p, "news/in-abs.txt");
	snprintf(p, sizeof(p), "%s/outside/secret.txt", top);
	link_to(p, "news/out-abs.txt");
	link_to("../outside/secret.txt", "news/out-rel.txt");
	link_to("../outside", "news/dir-out");
	link_to("..", "news/sub/up");
	link_to("/proc", "news/proc");
	link_to("nowhere", "news/dangling.txt");
	link_to("loop2", "news/loop1");
	link_to("loop1", "news/loop2");
	snprintf(p, sizeof(p), "%s/news", top);
	root.path = strdup(p);
	root.len = strlen(p);
	root.fd = open(p, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (!root.path || root.fd < 0)
		abort();
}

/* beneath_open(rel) and what it read: the file's first line, or the
 * negative errno as text. */
static const char *opened(const char *rel)
{
	static char buf[64];
	int fd = beneath_open(&root, rel, INPUT_FLAGS);
	if (fd < 0) {
		snprintf(buf, sizeof(buf), "%s", strerror(-fd));
		return buf;
	}
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	return buf;
}

static void cases(const char *how, int dir_fd)
{
	root.fd = dir_fd;
	const char *exdev = strerror(EXDEV);
	CHECK_STR(opened("a.txt"), "article a", "%s: a file below opens", how);
	CHECK_STR(opened("in-rel.txt"), "article b",
		  "%s: a relative link that stays below is followed", how);
	CHECK_STR(opened("in-abs.txt"), "article b",
		  "%s: an absolute link that stays below is followed", how);
	CHECK_STR(opened("sub/up/a.txt"), "article a",
		  "%s: a link back up to the folder itself is followed", how);
	CHECK_STR(opened("out-abs.txt"), exdev,
		  "%s: an absolute link out is refused", how);
	CHECK_STR(opened("out-rel.txt"), exdev,
		  "%s: a relative link out is refused", how);
	CHECK_STR(opened("dir-out/secret.txt"), exdev,
		  "%s: a path through a folder link out is refused", how);
	CHECK_STR(opened("sub/../../outside/secret.txt"), exdev,
		  "%s: .. out of the folder is refused", how);
	CHECK_STR(opened("proc/self/status"), exdev,
		  "%s: a link to /proc is refused", how);
	CHECK_STR(opened("dangling.txt"), strerror(ENOENT),
		  "%s: a dangling link is not found", how);
	CHECK_STR(opened("loop1"), strerror(ELOOP),
		  "%s: a link loop is a loop", how);
	int fd = beneath_open(&root, "sub", O_PATH | O_DIRECTORY | O_CLOEXEC);
	CHECK(fd >= 0, "%s: a folder opens as a path", how);
	if (fd >= 0)
		close(fd);
}

static int openat2_errno(void)
{
	struct open_how how = {.flags = O_RDONLY, .resolve = RESOLVE_BENEATH};
	return syscall(SYS_openat2, AT_FDCWD, ".", &how, sizeof(how)) < 0
	       ? errno : 0;
}

/* Make openat2() fail with ENOSYS in this process, as on old kernels. */
static int no_openat2(void)
{
#ifdef ARCH
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = NFS_ARRAY_SIZE(f), .filter = f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
		return -errno;
	return 0;
#else
	return -ENOTSUP;
#endif
}

/* Run cases() in a child, where the openat2 state starts unknown. */
static void in_child(const char *how, bool seccomp)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (seccomp) {
			int rc = no_openat2();
			if (rc) {
				SKIP("openat2 refused by seccomp",
				     "cannot install a filter: %s",
				     strerror(-rc));
				_exit(0);
			}
			CHECK_INT(openat2_errno(), ENOSYS,
				  "the filter makes openat2 fail with ENOSYS");
		} else {
			setenv("NEWSFS_OPENAT2", "0", 1);
		}
		cases(how, root.fd);
		cases("realpath, folder reopened per use", -1);
		fflush(stdout);
		_exit(check_failed ? 1 : 0);
	}
	int status;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "%s: every case holds", how);
}

int main(void)
{
	setup();
	int fd = root.fd;
	in_child("realpath (NEWSFS_OPENAT2=0)", false);
	in_child("realpath (openat2 gives ENOSYS)", true);
	if (openat2_errno() == ENOSYS) {
		SKIP("openat2 cases", "this kernel has no openat2");
	} else {
		cases("openat2", fd);
		cases("openat2, folder reopened per use", -1);
	}
	close(fd);
	free(root.path);
	return check_failed ? 1 : 0;
}
