/* dossier-sandbox-demo.c — demo clients for an empty sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeds a handful of clients in different states by running requests through
 * the engine itself, so the state is what the contract would produce. Accepted
 * documents are recorded directly with realistic image infos (the sandbox
 * never keeps pixels, only their description, CONTRACT.md §10.5).
 */
#include "config.h"

#include "dossier-sandbox-private.h"

typedef enum
{
  DEMO_NEW,            /* no request */
  DEMO_WAITING,        /* cards_individuals: phone and passport missing */
  DEMO_PASSPORT,       /* cards_individuals: phone given, passport missing */
  DEMO_IN_KYC,         /* cards_individuals: under review, held */
  DEMO_ENABLED,        /* cards_individuals: enabled */
  DEMO_REJECTED,       /* cards_individuals: rejected with a description */
  DEMO_PREMIUM,        /* cards_individuals_premium: partly done */
} DemoStage;

typedef struct
{
  DemoStage   stage;
  const char *body;
} DemoClient;

static const DemoClient demo_clients[] = {
  { DEMO_NEW,
    "{\"first_name\":\"Sofía\",\"second_name\":\"Isabel\",\"last_name\":\"Ramírez López\","
    "\"email\":\"sofia.ramirez@example.com\",\"birth_date\":\"1991-03-08\","
    "\"address\":{\"street_line1\":\"Avenida Álvaro Obregón 121\",\"street_line2\":\"Depto 4B\","
    "\"city\":\"Ciudad de México\",\"postal_code\":\"06700\",\"state\":\"MEX-CMX\",\"country\":\"MEX\"}}" },
  { DEMO_WAITING,
    "{\"first_name\":\"Maria\",\"second_name\":\"Julia\",\"last_name\":\"Barber\","
    "\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\","
    "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
    "\"state\":\"ARG-B\",\"country\":\"ARG\"}}" },
  { DEMO_PASSPORT,
    "{\"first_name\":\"Joaquín\",\"last_name\":\"Fernández Soto\","
    "\"email\":\"joaquin.fernandez@example.com\",\"birth_date\":\"1979-07-30\","
    "\"address\":{\"street_line1\":\"Avenida Providencia 1208\",\"street_line2\":\"Oficina 603\","
    "\"city\":\"Santiago\",\"postal_code\":\"7500000\",\"state\":\"CL-RM\",\"country\":\"CHL\"},"
    "\"phone_country_code\":56,\"phone_number\":912345678}" },
  { DEMO_IN_KYC,
    "{\"first_name\":\"Valentina\",\"last_name\":\"Gómez Herrera\","
    "\"email\":\"valentina.gomez@example.com\",\"birth_date\":\"1995-01-17\","
    "\"address\":{\"street_line1\":\"Carrera 7 # 71-21\",\"city\":\"Bogotá\",\"postal_code\":\"110231\","
    "\"state\":\"CO-DC\",\"country\":\"COL\"},"
    "\"phone_country_code\":57,\"phone_number\":3001234567}" },
  { DEMO_ENABLED,
    "{\"first_name\":\"Mateo\",\"last_name\":\"Rodríguez Navarro\","
    "\"email\":\"mateo.rodriguez@example.com\",\"birth_date\":\"1988-09-04\","
    "\"address\":{\"street_line1\":\"Calle de Alcalá 48\",\"street_line2\":\"3º izquierda\","
    "\"city\":\"Madrid\",\"postal_code\":\"28014\",\"state\":\"ES-MD\",\"country\":\"ESP\"},"
    "\"phone_country_code\":34,\"phone_number\":612345678}" },
  { DEMO_REJECTED,
    "{\"first_name\":\"Camila\",\"last_name\":\"Torres Vega\","
    "\"email\":\"camila.torres@example.com\",\"birth_date\":\"2001-12-02\","
    "\"address\":{\"street_line1\":\"Avenida José Larco 345\",\"city\":\"Lima\",\"postal_code\":\"15074\","
    "\"state\":\"PE-LIM\",\"country\":\"PER\"},"
    "\"phone_country_code\":51,\"phone_number\":987654321}" },
  { DEMO_PREMIUM,
    "{\"first_name\":\"Lucía\",\"last_name\":\"Martínez Pereira\","
    "\"email\":\"lucia.martinez@example.com\",\"birth_date\":\"1986-05-23\","
    "\"address\":{\"street_line1\":\"Bulevar Artigas 1150\",\"city\":\"Montevideo\",\"postal_code\":\"11300\","
    "\"state\":\"UY-MO\",\"country\":\"URY\"},"
    "\"phone_country_code\":598,\"phone_number\":94123456,"
    "\"occupation\":\"Software engineer\",\"account_purpose\":\"travel\"}" },
};

static const char *
response_id (DossierSandboxResponse *response,
             const char             *wrapper)
{
  static char id[DOSSIER_SANDBOX_ID_LENGTH + 1];
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (response->body, &size);
  JsonObject *object;

  if (response->status != 200 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (wrapper != NULL)
    object = json_object_get_object_member (object, wrapper);
  g_strlcpy (id, json_object_get_string_member (object, "id"), sizeof id);
  return id;
}

static void
add_document (DossierSandboxEngine  *self,
              DossierSandboxRequest *request,
              const char            *document_type,
              const char            *metadata,
              guint                  width,
              guint                  height,
              gsize                  bytes,
              const char            *sha256)
{
  DossierSandboxDocument *document = g_new0 (DossierSandboxDocument, 1);
  const char *group_id = NULL;

  dossier_sandbox_catalogue_get_document (self->catalogue, request->product, document_type, &group_id);
  document->document_type = g_strdup (document_type);
  document->group_id = g_strdup (group_id);
  document->metadata = json_from_string (metadata, NULL);
  document->front.media_type = g_strdup ("image/jpeg");
  document->front.width = width;
  document->front.height = height;
  document->front.bytes = bytes;
  document->front.sha256 = g_strdup (sha256);
  document->accepted_at = _dossier_sandbox_engine_now (self);
  g_ptr_array_add (request->documents, document);
  request->updated_at = document->accepted_at;
}

static void
seed_one (DossierSandboxEngine *self,
          const DemoClient     *demo)
{
  g_autoptr(DossierSandboxResponse) created = NULL;
  g_autoptr(DossierSandboxResponse) requested = NULL;
  g_autoptr(DossierSandboxResponse) submitted = NULL;
  g_autofree char *client_path = NULL;
  g_autofree char *request_path = NULL;
  g_autofree char *metadata = NULL;
  DossierSandboxRequest *request;
  const char *product;
  const char *id;
  GDate expiry, issued;

  created = _dossier_sandbox_engine_run (self, "POST", "/management/clients/individuals", demo->body);
  id = response_id (created, NULL);
  if (id == NULL || demo->stage == DEMO_NEW)
    return;

  client_path = g_strdup_printf ("/management/clients/individuals/%s/products", id);
  product = demo->stage == DEMO_PREMIUM ? "{\"subproduct\":\"cards_individuals_premium\"}" :
                                          "{\"subproduct\":\"cards_individuals\"}";
  requested = _dossier_sandbox_engine_run (self, "POST", client_path, product);
  id = response_id (requested, NULL);
  if (id == NULL)
    return;
  request = g_hash_table_lookup (self->requests, id);
  request_path = g_strdup_printf ("%s/%s/submit", client_path, id);

  switch (demo->stage)
    {
    case DEMO_WAITING:
    case DEMO_PASSPORT:
    case DEMO_NEW:
      break;

    case DEMO_PREMIUM:
      _dossier_sandbox_engine_today (self, &expiry);
      g_date_add_years (&expiry, 6);
      _dossier_sandbox_engine_today (self, &issued);
      g_date_subtract_days (&issued, 20);
      metadata = g_strdup_printf ("{\"number\":\"C04519832\",\"issuing_country\":\"URY\","
                                  "\"expiration_date\":\"%04d-%02d-%02d\"}",
                                  g_date_get_year (&expiry), g_date_get_month (&expiry),
                                  g_date_get_day (&expiry));
      add_document (self, request, "passport", metadata, 1200, 1680, 412873,
                    "3f1c9a0b7d2e4c6a8b5f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3");
      break;

    case DEMO_IN_KYC:
    case DEMO_ENABLED:
    case DEMO_REJECTED:
      add_document (self, request, "passport",
                    demo->stage == DEMO_IN_KYC ? "{\"number\":\"AW7715302\"}" :
                    demo->stage == DEMO_ENABLED ? "{\"number\":\"PAF482913\"}" :
                                                  "{\"number\":\"1187345\"}",
                    900, 1260, 238416,
                    demo->stage == DEMO_IN_KYC ?
                    "a94d1f0c3b2e5d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6" :
                    demo->stage == DEMO_ENABLED ?
                    "5be2c7d81f0a9e3b6c4d2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a392817" :
                    "0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6e5f4");
      submitted = _dossier_sandbox_engine_run (self, "POST", request_path, NULL);
      if (request->status != DOSSIER_SANDBOX_STATUS_IN_KYC)
        break;
      if (demo->stage == DEMO_IN_KYC)
        request->review_outcome = DOSSIER_SANDBOX_OUTCOME_HELD;
      else if (demo->stage == DEMO_ENABLED)
        _dossier_sandbox_request_complete_review (request, DOSSIER_SANDBOX_OUTCOME_ENABLED, NULL,
                                                  _dossier_sandbox_engine_now (self));
      else
        _dossier_sandbox_request_complete_review (request, DOSSIER_SANDBOX_OUTCOME_REJECTED,
                                                  "Identity verification failed: the passport "
                                                  "photo does not match the selfie on file.",
                                                  _dossier_sandbox_engine_now (self));
      break;
    }
  _dossier_sandbox_request_changed (request);
}

/* Seeds the demo clients (called on an empty state only). */
void
_dossier_sandbox_demo_seed (DossierSandboxEngine *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    seed_one (self, &demo_clients[i]);
  self->next_due = G_MININT64;
}
