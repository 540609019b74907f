/* ioc-open311-parser.h — Open311 GeoReport v2 bodies with the project's
 * extensions (feeds.md §1), JSON or XML
 *
 * Pure functions over bytes: no main loop, no global state, safe on worker
 * threads. The format is recognised from the body itself (servers mislabel
 * content types): '<' is XML, '[' or '{' JSON.
 *
 * Tolerated as seen in the wild (../shared/peer-corpus/open311): codes
 * written `001` (kept as the string "001"), numeric ids, the FixMyStreet
 * wrappers {"service_requests":[…]} and {"requests":[{"request":[…]}]}, XML
 * without a declaration, `<requests>` as root, self-closing empty elements,
 * several `<recipient>`s in agency_responsible, namespace declarations, CRLF.
 *
 * Invalid records are skipped and counted with a reason ("record 3: “lat” is
 * not a number"); the rest of the page is kept (feeds.md "General rules").
 * A body that is not valid at all, or is an error list `[{code, description}]`
 * / `<errors>`, fails with a GError (IOC_FEED_ERROR_INVALID, _SERVER).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-complaint.h"
#include "ioc-feed-adapter.h"

G_BEGIN_DECLS

typedef enum {
  IOC_OPEN311_FORMAT_JSON,
  IOC_OPEN311_FORMAT_XML,
} IocOpen311Format;

/* GET services.json */
typedef struct {
  char     *service_code;
  char     *service_name;   /* nullable */
  char     *description;    /* nullable */
  char     *group;          /* nullable */
  char     *keywords;       /* nullable */
  char     *type;           /* nullable: realtime | batch | blackbox */
  gboolean  metadata;
} IocOpen311Service;

/* GET services/{code}.json: one attribute of a service definition */
typedef struct {
  char     *code;
  char     *datatype;      /* nullable */
  char     *description;   /* nullable */
  gboolean  variable;
  gboolean  required;
  gint64    order;         /* 0 when absent */
  guint     n_values;      /* entries of a (single|multi)valuelist */
} IocOpen311Attribute;

/* GET servicerequestupdates.json (mySociety extension; feeds.md §1) */
typedef struct {
  char               *update_id;
  char               *service_request_id;
  char               *status_word;        /* as sent (nullable) */
  gboolean            has_status;         /* the word mapped to a status */
  IocComplaintStatus  status;
  gboolean            bare_status;        /* only Open311's "open"/"closed": which side, not which status */
  char               *description;        /* nullable */
  char               *media_url;          /* nullable */
  GDateTime          *updated_datetime;   /* nullable */
  char               *agency_responsible; /* nullable */
  char               *claimed_by;         /* nullable */
  char               *duplicate_of;       /* nullable */
  char               *author;             /* nullable */
  gboolean            has_priority;
  IocPriority         priority;
} IocOpen311Update;

/* POST requests / servicerequestupdates / token look-up answers */
typedef struct {
  char      *service_request_id;  /* nullable (batch services answer a token) */
  char      *token;               /* nullable */
  char      *update_id;           /* nullable */
  char      *service_notice;      /* nullable */
  GDateTime *updated_datetime;    /* nullable */
} IocOpen311PostResponse;

typedef struct {
  IocOpen311Format  format;
  guint             n_records;       /* records seen, kept or skipped */
  GPtrArray        *requests;        /* IocComplaint */
  GPtrArray        *services;        /* IocOpen311Service */
  GPtrArray        *updates;         /* IocOpen311Update */
  GPtrArray        *post_responses;  /* IocOpen311PostResponse */
  char             *service_code;    /* service definitions: the service */
  GPtrArray        *attributes;      /* IocOpen311Attribute */
  GPtrArray        *skipped;         /* char *: why each skipped record was skipped */
  GPtrArray        *warnings;        /* char *: kept records with an ignored field */
} IocOpen311Result;

void              ioc_open311_result_free           (IocOpen311Result *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocOpen311Result, ioc_open311_result_free)

/* GET requests.json and requests/{id}.json: IocComplaint objects with the
 * status mapped through @adapter (domain.md §3): `extended_status` when
 * present, else the Open311 `status` word. */
IocOpen311Result *ioc_open311_parse_requests        (const char       *data,
                                                     gsize             length,
                                                     IocFeedAdapter   *adapter,
                                                     GError          **error);
IocOpen311Result *ioc_open311_parse_services        (const char       *data,
                                                     gsize             length,
                                                     GError          **error);
IocOpen311Result *ioc_open311_parse_service_definition (const char    *data,
                                                     gsize             length,
                                                     GError          **error);
IocOpen311Result *ioc_open311_parse_updates         (const char       *data,
                                                     gsize             length,
                                                     IocFeedAdapter   *adapter,
                                                     GError          **error);
IocOpen311Result *ioc_open311_parse_post_response   (const char       *data,
                                                     gsize             length,
                                                     GError          **error);
/* An error body `[{code, description}]` or `<errors>`: returns TRUE and sets
 * @error to IOC_FEED_ERROR_SERVER with the server's reason; FALSE when the
 * body is not an error list. */
gboolean          ioc_open311_parse_error_body      (const char       *data,
                                                     gsize             length,
                                                     GError          **error);

/* Applies an update's fields to a complaint (incremental sync). Returns TRUE
 * when anything changed. */
gboolean          ioc_open311_update_apply          (const IocOpen311Update *update,
                                                     IocComplaint           *complaint);

void              ioc_open311_service_free          (IocOpen311Service      *service);
void              ioc_open311_attribute_free        (IocOpen311Attribute    *attribute);
void              ioc_open311_update_free           (IocOpen311Update       *update);
void              ioc_open311_post_response_free    (IocOpen311PostResponse *response);

G_END_DECLS
