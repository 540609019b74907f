/* ioc-feed-xml.c — safe XML reading for untrusted feed bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ioc-feed-error.h"
#include "ioc-feed-xml.h"

static void
ensure_libxml (void)
{
  static gsize initialised = 0;

  /* xmlInitParser() must run once before threads use the parser. */
  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

static char *
text_of (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  /* Only text and CDATA: entity references are never expanded. */
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
      g_string_append (text, (const char *) c->content);
  return g_string_free (text, FALSE);
}

static JsonNode *convert_element (xmlNode *node, guint depth, GError **error);

static gboolean
convert_children (xmlNode     *node,
                  JsonObject  *object,
                  guint        depth,
                  GError     **error)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      const char *name;
      JsonNode *value;
      JsonNode *existing;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      name = (const char *) c->name;
      value = convert_element (c, depth + 1, error);
      if (value == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          /* Empty leaf: absent, unless a repeated list member needs a slot. */
          continue;
        }
      existing = json_object_get_member (object, name);
      if (existing == NULL)
        json_object_set_member (object, name, value);
      else if (JSON_NODE_HOLDS_ARRAY (existing))
        /* convert_element() never returns arrays: this one is a repetition. */
        json_array_add_element (json_node_get_array (existing), value);
      else
        {
          JsonArray *array = json_array_new ();

          json_array_add_element (array, json_node_ref (existing));
          json_array_add_element (array, value);
          json_object_set_array_member (object, name, array);
        }
    }
  return TRUE;
}

static JsonNode *
convert_element (xmlNode  *node,
                 guint     depth,
                 GError  **error)
{
  if (depth > IOC_FEED_XML_MAX_DEPTH)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response is not usable XML: it is nested too deeply"));
      return NULL;
    }

  if (has_element_children (node))
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonNode *result;

      if (!convert_children (node, object, depth, error))
        return NULL;
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (result, object);
      return result;
    }
  else
    {
      g_autofree char *text = text_of (node);
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        return NULL;
      return json_node_init_string (json_node_alloc (), text);
    }
}

JsonNode *
ioc_feed_xml_parse (const char  *data,
                    gsize        length,
                    char       **root_name,
                    GError     **error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root;
  JsonNode *result = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *end_of_valid = NULL;
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

  *root_name = NULL;
  ensure_libxml ();

  if (length > G_MAXINT)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_TOO_LARGE,
                   _("The response is too large"));
      return NULL;
    }
  /* libxml2 would guess another encoding from a declaration; feeds.md
   * documents are UTF-8, and text must be valid UTF-8 for GLib and GTK. */
  if (!g_utf8_validate_len (data, length, &end_of_valid))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   /* Translators: %lu is a byte offset in the response. */
                   _("The response is not valid UTF-8 text (byte %lu)"),
                   (unsigned long) (end_of_valid - data));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response could not be read as XML"));
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, "UTF-8", options);
  if (doc == NULL)
    {
      const xmlError *xerr = xmlCtxtGetLastError (ctxt);
      g_autofree char *message = g_strdup (xerr != NULL && xerr->message != NULL ? xerr->message : "");

      g_strstrip (message);
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response is not valid XML (line %d): %s"),
                   xerr != NULL ? xerr->line : 0, message);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response is XML with a document type declaration, which is not accepted"));
      xmlFreeDoc (doc);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response is XML without a root element"));
      xmlFreeDoc (doc);
      return NULL;
    }

  object = json_object_new ();
  if (convert_children (root, object, 1, error))
    {
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (result, object);
      *root_name = g_strdup ((const char *) root->name);
    }
  xmlFreeDoc (doc);
  return result;
}

GPtrArray *
ioc_feed_list_items (JsonNode   *node,
                     const char *item_name)
{
  GPtrArray *items = g_ptr_array_new ();

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return items;
  if (JSON_NODE_HOLDS_OBJECT (node) && item_name != NULL)
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *inner = json_object_get_member (object, item_name);

      if (inner != NULL && json_object_get_size (object) == 1)
        node = inner;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (items, json_array_get_element (array, i));
    }
  else
    g_ptr_array_add (items, node);
  return items;
}
