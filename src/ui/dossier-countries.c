/* dossier-countries.c — ISO 3166-1 countries and ISO 3166-2 subdivisions from iso-codes,
 * names in the user's language, and their ITU calling codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * iso-codes ships the list (alpha-3 and English name) as JSON and the translated
 * names in its own gettext domain, so names follow the user's language without
 * Dossier translating them. The list is read once, lazily, the first time a form
 * needs it (about 60 KB; well under a frame). iso-codes has no calling codes, so
 * those are ours, kept as data in the resource dossier-calling-codes.json. Subdivisions
 * (about 5000, for addresses shown as "Buenos Aires, Argentina") are read only when one
 * is first named. Both tables are read once from any thread (the audit export's worker
 * names them too) and only read afterwards.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "dossier-countries.h"

#define ISO_CODES_DOMAIN "iso_3166-1"
#define ISO_CODES_SUBDIVISIONS_DOMAIN "iso_3166-2"

typedef struct {
  char *code;
  char *name;
  char *key;
} Country;

struct _DossierCountries
{
  GObject        parent_instance;

  GArray        *countries;  /* of Country, sorted by key */
  GHashTable    *positions;  /* alpha-3 → position + 1 */
  GHashTable    *alpha2;     /* alpha-3 → alpha-2 (owned) */
  GtkStringList *model;
};

G_DEFINE_FINAL_TYPE (DossierCountries, dossier_countries, G_TYPE_OBJECT)

static void
country_clear (Country *country)
{
  g_free (country->code);
  g_free (country->name);
  g_free (country->key);
}

static int
country_compare (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Country *) a)->key, ((const Country *) b)->key);
}

static void
dossier_countries_finalize (GObject *object)
{
  DossierCountries *self = DOSSIER_COUNTRIES (object);

  g_clear_pointer (&self->countries, g_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->alpha2, g_hash_table_unref);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (dossier_countries_parent_class)->finalize (object);
}

static void
dossier_countries_class_init (DossierCountriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_countries_finalize;
}

static void
dossier_countries_init (DossierCountries *self)
{
  self->countries = g_array_new (FALSE, TRUE, sizeof (Country));
  g_array_set_clear_func (self->countries, (GDestroyNotify) country_clear);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->alpha2 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->model = gtk_string_list_new (NULL);
}

static const char *
iso_codes_locale_dir (void)
{
  static char *dir;

  if (dir == NULL)
    dir = g_build_filename (ISO_CODES_PREFIX, "share", "locale", NULL);
  return dir;
}

/**
 * dossier_countries_get_iso_codes_path:
 *
 * Returns: where iso-codes' ISO 3166-1 list is: under the prefix iso-codes was
 *   found in at build time, else the first system data folder that has it
 */
const char *
dossier_countries_get_iso_codes_path (void)
{
  static char *path;

  if (g_once_init_enter (&path))
    {
      char *found = g_build_filename (ISO_CODES_PREFIX, "share", "iso-codes", "json",
                                      "iso_3166-1.json", NULL);
      const char * const *dirs = g_get_system_data_dirs ();

      for (guint i = 0; dirs[i] != NULL && !g_file_test (found, G_FILE_TEST_EXISTS); i++)
        {
          g_free (found);
          found = g_build_filename (dirs[i], "iso-codes", "json", "iso_3166-1.json", NULL);
        }
      g_once_init_leave (&path, found);
    }
  return path;
}

/**
 * dossier_countries_new_from_file:
 * @iso_codes_json: iso-codes' iso_3166-1.json
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the countries, sorted by their localized names
 */
DossierCountries *
dossier_countries_new_from_file (const char  *iso_codes_json,
                                 GError     **error)
{
  g_autoptr(DossierCountries) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) names = NULL;
  JsonNode *root;
  JsonArray *array = NULL;

  g_return_val_if_fail (iso_codes_json != NULL, NULL);

  if (!json_parser_load_from_mapped_file (parser, iso_codes_json, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    array = json_object_get_array_member (json_node_get_object (root), "3166-1");
  if (array == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The list of countries in “%s” could not be read."), iso_codes_json);
      return NULL;
    }

  bindtextdomain (ISO_CODES_DOMAIN, iso_codes_locale_dir ());
  bind_textdomain_codeset (ISO_CODES_DOMAIN, "UTF-8");

  self = g_object_new (DOSSIER_TYPE_COUNTRIES, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      const char *code;
      const char *name;
      Country country;

      if (entry == NULL)
        continue;
      code = json_object_get_string_member_with_default (entry, "alpha_3", NULL);
      /* The common name when there is one ("Bolivia" rather than "Bolivia,
       * Plurinational State of"), as GNOME Settings shows it. */
      name = json_object_get_string_member_with_default (entry, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (code == NULL || name == NULL)
        continue;

      if (json_object_get_string_member_with_default (entry, "alpha_2", NULL) != NULL)
        g_hash_table_insert (self->alpha2, g_strdup (code),
                             g_strdup (json_object_get_string_member (entry, "alpha_2")));
      country.code = g_strdup (code);
      country.name = g_strdup (g_dgettext (ISO_CODES_DOMAIN, name));
      country.key = g_utf8_collate_key (country.name, -1);
      g_array_append_val (self->countries, country);
    }
  g_array_sort (self->countries, country_compare);

  names = g_ptr_array_new ();
  for (guint i = 0; i < self->countries->len; i++)
    {
      Country *country = &g_array_index (self->countries, Country, i);

      g_hash_table_insert (self->positions, country->code, GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (names, country->name);
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->model, 0, 0, (const char * const *) names->pdata);

  return g_steal_pointer (&self);
}

/**
 * dossier_countries_get_default:
 *
 * Returns: (transfer none): the countries of iso-codes, read on first use; an
 *   empty list (with a warning) when iso-codes is missing
 */
DossierCountries *
dossier_countries_get_default (void)
{
  static DossierCountries *countries;

  /* Once, from any thread: the audit export names countries on its worker. */
  if (g_once_init_enter (&countries))
    {
      g_autoptr(GError) error = NULL;
      DossierCountries *read;

      read = dossier_countries_new_from_file (dossier_countries_get_iso_codes_path (), &error);
      if (read == NULL)
        {
          g_warning ("The list of countries is not available: %s", error->message);
          read = g_object_new (DOSSIER_TYPE_COUNTRIES, NULL);
        }
      g_once_init_leave (&countries, read);
    }
  return countries;
}

GListModel *
dossier_countries_get_model (DossierCountries *self)
{
  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), NULL);

  return G_LIST_MODEL (self->model);
}

guint
dossier_countries_get_n_countries (DossierCountries *self)
{
  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), 0);

  return self->countries->len;
}

const char *
dossier_countries_get_code (DossierCountries *self,
                            guint             position)
{
  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), NULL);

  if (position >= self->countries->len)
    return NULL;
  return g_array_index (self->countries, Country, position).code;
}

const char *
dossier_countries_get_name (DossierCountries *self,
                            guint             position)
{
  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), NULL);

  if (position >= self->countries->len)
    return NULL;
  return g_array_index (self->countries, Country, position).name;
}

guint
dossier_countries_find (DossierCountries *self,
                        const char       *alpha3)
{
  gpointer found;

  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), G_MAXUINT);

  if (alpha3 == NULL)
    return G_MAXUINT;
  found = g_hash_table_lookup (self->positions, alpha3);
  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT;
}

const char *
dossier_countries_lookup_name (DossierCountries *self,
                               const char       *alpha3)
{
  return dossier_countries_get_name (self, dossier_countries_find (self, alpha3));
}

/* iso_3166-2.json, beside iso_3166-1.json: code ("AR-B") → translated name. Read the
 * first time a subdivision is named, from any thread; read-only afterwards. */
static GHashTable *
subdivisions (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      g_autofree char *dir = g_path_get_dirname (dossier_countries_get_iso_codes_path ());
      g_autofree char *path = g_build_filename (dir, "iso_3166-2.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      GHashTable *read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      JsonNode *root;
      JsonArray *array = NULL;

      if (json_parser_load_from_mapped_file (parser, path, &error)
          && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        array = json_object_get_array_member (json_node_get_object (root), "3166-2");
      if (array == NULL)
        g_warning ("The list of subdivisions is not available: %s",
                   error != NULL ? error->message : path);

      bindtextdomain (ISO_CODES_SUBDIVISIONS_DOMAIN, iso_codes_locale_dir ());
      bind_textdomain_codeset (ISO_CODES_SUBDIVISIONS_DOMAIN, "UTF-8");
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          const char *code = entry != NULL ? json_object_get_string_member_with_default (entry, "code", NULL) : NULL;
          const char *name = entry != NULL ? json_object_get_string_member_with_default (entry, "name", NULL) : NULL;

          if (code != NULL && name != NULL)
            g_hash_table_insert (read, g_ascii_strup (code, -1),
                                 g_strdup (g_dgettext (ISO_CODES_SUBDIVISIONS_DOMAIN, name)));
        }
      g_once_init_leave (&table, read);
    }
  return table;
}

static gpointer
prefetch_thread (gpointer data)
{
  subdivisions ();
  return NULL;
}

/**
 * dossier_countries_prefetch:
 *
 * Reads the countries now and the subdivisions on a worker thread, once, so the
 * first address shown does not wait for iso-codes' 500 KB list of subdivisions
 * (a reader that comes first waits for the same read, never reads twice).
 */
void
dossier_countries_prefetch (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      dossier_countries_get_default ();
      g_thread_unref (g_thread_new ("dossier-subdivisions", prefetch_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

/**
 * dossier_countries_lookup_subdivision_name:
 * @self: the countries
 * @code: (nullable): an ISO 3166-2 code, with the country as alpha-2 ("AR-B") or as
 *   alpha-3, as the API's examples write it ("ARG-B")
 *
 * Returns: (nullable): the subdivision's name in the user's language, or %NULL when
 *   the code is not one
 */
const char *
dossier_countries_lookup_subdivision_name (DossierCountries *self,
                                           const char       *code)
{
  g_autofree char *upper = NULL;
  const char *dash;
  const char *name;

  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), NULL);

  if (code == NULL || (dash = strchr (code, '-')) == NULL || dash == code || dash[1] == '\0')
    return NULL;

  upper = g_ascii_strup (code, -1);
  if ((name = g_hash_table_lookup (subdivisions (), upper)) != NULL)
    return name;

  if (dash - code == 3)
    {
      g_autofree char *country = g_strndup (upper, 3);
      const char *alpha2 = g_hash_table_lookup (self->alpha2, country);
      g_autofree char *converted = NULL;

      if (alpha2 == NULL)
        return NULL;
      converted = g_strconcat (alpha2, upper + 3, NULL);
      return g_hash_table_lookup (subdivisions (), converted);
    }
  return NULL;
}

/**
 * dossier_countries_format_address:
 * @self: the countries
 * @parts: (array zero-terminated=0): street line 1, street line 2, postal code, city,
 *   state and country, each nullable
 *
 * Returns: (transfer full): the filled parts joined by ", ", the state and the country
 *   by their names when they are codes Dossier knows ("Buenos Aires, Argentina");
 *   "" when every part is empty
 */
char *
dossier_countries_format_address (DossierCountries   *self,
                                  const char * const  parts[DOSSIER_COUNTRIES_N_ADDRESS_PARTS])
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DOSSIER_IS_COUNTRIES (self), NULL);

  for (guint i = 0; i < DOSSIER_COUNTRIES_N_ADDRESS_PARTS; i++)
    {
      const char *part = parts[i];
      const char *name = NULL;

      if (part == NULL || *part == '\0')
        continue;
      if (i == DOSSIER_COUNTRIES_ADDRESS_STATE)
        name = dossier_countries_lookup_subdivision_name (self, part);
      else if (i == DOSSIER_COUNTRIES_ADDRESS_COUNTRY)
        name = dossier_countries_lookup_name (self, part);
      if (text->len > 0)
        /* Translators: the separator between the parts of an address on one line */
        g_string_append (text, _(", "));
      g_string_append (text, name != NULL ? name : part);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * dossier_countries_get_calling_code:
 * @alpha3: an ISO 3166-1 alpha-3 code
 *
 * Returns: the country's ITU calling code, 0 when the table has none
 */
guint
dossier_countries_get_calling_code (const char *alpha3)
{
  static JsonObject *table;

  if (table == NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data;

      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/dossier-calling-codes.json", 0, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      if (!json_parser_load_from_data (parser, data, size, &error)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        g_error ("The calling-code table in the resources is broken: %s",
                 error != NULL ? error->message : "not an object");
      table = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }

  if (alpha3 == NULL || !json_object_has_member (table, alpha3))
    return 0;
  return (guint) json_object_get_int_member (table, alpha3);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Enter in the search entry picks the first country the list still shows, as the
 * list filters: the first whose name contains the text, ignoring case. */
static void
search_activated_cb (GtkSearchEntry *entry,
                     GtkDropDown    *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  g_autofree char *wanted = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  GtkWidget *popover;

  if (model == NULL || *wanted == '\0')
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = g_utf8_casefold (gtk_string_object_get_string (item), -1);

      if (strstr (name, wanted) != NULL)
        {
          gtk_drop_down_set_selected (dropdown, i);
          popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);
          if (popover != NULL)
            gtk_popover_popdown (GTK_POPOVER (popover));
          gtk_widget_grab_focus (GTK_WIDGET (dropdown));
          return;
        }
    }
}

static void
popover_shown_cb (GtkWidget   *popover,
                  GtkDropDown *dropdown)
{
  GtkWidget *entry = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);

  if (entry == NULL)
    return;

  if (g_object_get_data (G_OBJECT (entry), "dossier-activate") == NULL)
    {
      g_signal_connect_object (entry, "activate", G_CALLBACK (search_activated_cb), dropdown, 0);
      g_object_set_data (G_OBJECT (entry), "dossier-activate", GINT_TO_POINTER (TRUE));
    }
  gtk_widget_grab_focus (entry);
}

/**
 * dossier_countries_focus_search_on_open:
 * @dropdown: a #GtkDropDown with search enabled
 *
 * GTK 4.8 opens a searchable drop-down with the focus on its first item, so typing
 * a country's name does nothing until the search entry is clicked, and Enter there
 * picks nothing. This puts the focus in the search entry whenever the list opens and
 * makes Enter choose the first match, so the keyboard alone works.
 */
void
dossier_countries_focus_search_on_open (GtkDropDown *dropdown)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_signal_connect_object (child, "show", G_CALLBACK (popover_shown_cb), dropdown, 0);
}
