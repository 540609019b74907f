/* ioc-sim-text.h — Vietnamese vocabulary of the simulated complaints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-commune.h"
#include "ioc-sim-rng.h"

G_BEGIN_DECLS

typedef enum {
  IOC_SIM_AGENCY_COMMUNE,    /* the commune people's committee */
  IOC_SIM_AGENCY_PROVINCIAL, /* a provincial department or utility */
} IocSimAgencyLevel;

typedef struct {
  const char *code;          /* domain.md §3 field code */
  const char *name;
  const char *description;
  const char *group;
  const char *keywords;
  const char *provincial;    /* department or utility in charge */
  double      commune_share; /* share handled by the commune committee */
  double      weight;        /* share of all complaints */
  double      rainy_boost;   /* weight factor in the rainy season (May–Nov) */
} IocSimField;

const IocSimField *ioc_sim_text_fields         (guint             *n_fields);
const char *const *ioc_sim_text_departments    (guint             *n);
const char *const *ioc_sim_text_operators      (guint             *n);
char              *ioc_sim_text_description    (IocSimRng         *rng,
                                                guint              field,
                                                const IocCommune  *commune,
                                                const char        *place);
char              *ioc_sim_text_place          (IocSimRng         *rng,
                                                const IocCommune  *commune,
                                                char             **address);
char              *ioc_sim_text_agency_name    (const IocCommune  *commune);
const char        *ioc_sim_text_note           (IocSimRng         *rng,
                                                const char        *extended_status);
const char        *ioc_sim_text_officer        (IocSimRng         *rng);

G_END_DECLS
