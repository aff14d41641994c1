/* dossier-client-sort-job.c — one sort of the client list, runnable on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job copies what the comparison needs (the pre-folded key, a time) on the main
 * thread, where the clients live and may change; the sort itself touches only the copy.
 * Keys are folded, so names sort by plain byte order without collation keys. The result
 * keeps a copy of the keys in sort order, for the search to scan without touching clients;
 * the searched key adds the client's phone number to the names, email and id.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dossier-client-sort-job-private.h"

typedef struct {
  DossierClient *client;
  gint64         number;
  char          *key;
} SortEntry;

struct _DossierClientSortJob
{
  SortEntry             *entries;
  guint                  n_entries;
  DossierClientSortMode  mode;
};

static int
compare_name (const void *a,
              const void *b)
{
  return strcmp (((const SortEntry *) a)->key, ((const SortEntry *) b)->key);
}

/* Latest change first. */
static int
compare_last_change (const void *a,
                     const void *b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;

  if (x->number != y->number)
    return x->number > y->number ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Oldest open request first; clients without one last. */
static int
compare_waiting (const void *a,
                 const void *b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;

  if (x->number != y->number)
    return x->number < y->number ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* The client's folded key, and its phone the ways it is typed: whole with its country
 * code ("+541168860622") and without it. After the names: sorting by name is unchanged. */
static char *
searched_key (DossierClient *client)
{
  const char *key = dossier_client_get_search_key (client);
  const char *number = dossier_client_get_phone_number (client);
  const char *code = dossier_client_get_phone_country_code (client);

  if (number == NULL || *number == '\0')
    return g_strdup (key);
  while (code != NULL && *code == '+')
    code++;
  return g_strdup_printf ("%s +%s%s %s", key, code != NULL ? code : "", number, number);
}

DossierClientSortJob *
_dossier_client_sort_job_new (GListModel            *source,
                              DossierClientSortMode  mode,
                              DossierRequestCache   *cache)
{
  DossierClientSortJob *job = g_new0 (DossierClientSortJob, 1);
  guint n = source != NULL ? g_list_model_get_n_items (source) : 0;

  job->mode = mode;
  job->entries = g_new0 (SortEntry, MAX (n, 1));
  job->n_entries = n;
  for (guint i = 0; i < n; i++)
    {
      SortEntry *entry = &job->entries[i];

      entry->client = g_list_model_get_item (source, i);
      entry->key = searched_key (entry->client);
      if (mode == DOSSIER_CLIENT_SORT_LAST_CHANGE)
        {
          GDateTime *updated = dossier_client_get_updated_at (entry->client);

          entry->number = updated != NULL ? g_date_time_to_unix (updated) : G_MININT64;
        }
      else if (mode == DOSSIER_CLIENT_SORT_WAITING)
        {
          const DossierRequestSummary *summary = NULL;

          if (cache != NULL)
            summary = dossier_request_cache_lookup (cache, dossier_client_get_id (entry->client));
          entry->number = summary != NULL && summary->oldest_open != 0
                          ? summary->oldest_open : G_MAXINT64;
        }
    }

  return job;
}

guint
_dossier_client_sort_job_get_size (DossierClientSortJob *job)
{
  return job->n_entries;
}

/* Safe on any thread; returns the clients in order and their keys (transfer full). */
DossierClientSorted *
_dossier_client_sort_job_run (DossierClientSortJob *job)
{
  static int (* const compare[]) (const void *, const void *) = { compare_name, compare_last_change, compare_waiting };
  DossierClientSorted *sorted = g_new0 (DossierClientSorted, 1);
  gsize size = 0;
  char *p;

  qsort (job->entries, job->n_entries, sizeof (SortEntry), compare[job->mode]);

  sorted->clients = g_ptr_array_new_full (job->n_entries, g_object_unref);
  sorted->offsets = g_new (gsize, MAX (job->n_entries, 1));
  for (guint i = 0; i < job->n_entries; i++)
    {
      sorted->offsets[i] = size;
      size += strlen (job->entries[i].key) + 1;
    }
  sorted->keys = p = g_malloc (MAX (size, 1));
  for (guint i = 0; i < job->n_entries; i++)
    {
      gsize len = strlen (job->entries[i].key) + 1;

      memcpy (p, job->entries[i].key, len);
      p += len;
      g_ptr_array_add (sorted->clients, g_steal_pointer (&job->entries[i].client));
    }

  return sorted;
}

void
_dossier_client_sorted_free (DossierClientSorted *sorted)
{
  g_clear_pointer (&sorted->clients, g_ptr_array_unref);
  g_free (sorted->keys);
  g_free (sorted->offsets);
  g_free (sorted);
}

void
_dossier_client_sort_job_free (DossierClientSortJob *job)
{
  for (guint i = 0; i < job->n_entries; i++)
    {
      g_clear_object (&job->entries[i].client);
      g_free (job->entries[i].key);
    }
  g_free (job->entries);
  g_free (job);
}
