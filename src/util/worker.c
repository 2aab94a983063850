/*
 * Starting and stopping a background thread, written once: the watcher
 * (src/fs/watch.c) and the prefetcher (src/fs/prefetch.c) each keep one.
 * Stopping under the lock, with a signal, is what lets the thread sleep
 * on its condition without missing the stop.
 */
#include "util.h"

#include <errno.h>
#include <string.h>

int nfs_worker_start(struct nfs_worker *w, void *(*fn)(void *), void *arg)
{
	w->stop = false;
	w->running = false;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cv, NULL);
	int rc = pthread_create(&w->thread, NULL, fn, arg);
	if (rc) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->lock);
		return -rc;
	}
	w->running = true;
	return 0;
}

void nfs_worker_stop(struct nfs_worker *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->lock);
	w->running = false;
}
