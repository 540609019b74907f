/* main.c — ioc-dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "ioc-application.h"
#include "ioc-resources.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(IocApplication) app = NULL;
  /* Lets the demo and the tests run the app from the build tree with its
   * translations, without installing it. */
  const char *localedir = g_getenv ("IOC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The resources live in a static library: register them explicitly so the
   * linker cannot drop them. */
  g_resources_register (ioc_get_resource ());

  app = ioc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
