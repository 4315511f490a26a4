/* ascend-bluez-device.c: one heart-rate sensor BlueZ knows */
#include "config.h"

#include "ascend-bluez-common.h"
#include "ascend-bluez-device.h"

struct _AscendBluezDevice
{
  GObject   parent_instance;

  char     *object_path;
  char     *address;
  char     *name;
  int       rssi;
  int       battery;
  gboolean  paired;
  gboolean  connected;
};

enum {
  PROP_0,
  PROP_OBJECT_PATH,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_RSSI,
  PROP_BATTERY,
  PROP_PAIRED,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AscendBluezDevice, ascend_bluez_device, G_TYPE_OBJECT)

static void
update_string (AscendBluezDevice  *self,
               char              **field,
               char               *value,   /* transfer full */
               guint               prop)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_int (AscendBluezDevice *self,
            int               *field,
            int                value,
            guint              prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
ascend_bluez_device_sync (AscendBluezDevice *self,
                          GDBusObject       *object)
{
  g_autoptr(GDBusProxy) device = NULL;
  g_autoptr(GDBusProxy) battery = NULL;
  g_autoptr(GVariant) rssi = NULL;
  g_autoptr(GVariant) percentage = NULL;
  int battery_percent = -1;

  g_return_if_fail (ASCEND_IS_BLUEZ_DEVICE (self));
  g_return_if_fail (G_IS_DBUS_OBJECT (object));

  device = (GDBusProxy *) g_dbus_object_get_interface (object, ASCEND_BLUEZ_DEVICE_IFACE);
  if (device == NULL)
    return;
  battery = (GDBusProxy *) g_dbus_object_get_interface (object, ASCEND_BLUEZ_BATTERY_IFACE);

  g_object_freeze_notify (G_OBJECT (self));
  update_string (self, &self->address, ascend_bluez_dup_string (device, "Address"), PROP_ADDRESS);
  update_string (self, &self->name, ascend_bluez_device_name (device), PROP_NAME);

  /* BlueZ drops RSSI (invalidates it) when the device is no longer seen. */
  rssi = g_dbus_proxy_get_cached_property (device, "RSSI");
  update_int (self, &self->rssi,
              rssi && g_variant_is_of_type (rssi, G_VARIANT_TYPE_INT16) ? g_variant_get_int16 (rssi) : G_MININT16,
              PROP_RSSI);

  if (battery != NULL)
    percentage = g_dbus_proxy_get_cached_property (battery, "Percentage");
  if (percentage != NULL && g_variant_is_of_type (percentage, G_VARIANT_TYPE_BYTE)
      && g_variant_get_byte (percentage) <= 100)
    battery_percent = g_variant_get_byte (percentage);
  update_int (self, &self->battery, battery_percent, PROP_BATTERY);

  update_int (self, &self->paired, ascend_bluez_get_boolean (device, "Paired", FALSE), PROP_PAIRED);
  update_int (self, &self->connected, ascend_bluez_get_boolean (device, "Connected", FALSE), PROP_CONNECTED);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
ascend_bluez_device_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AscendBluezDevice *self = ASCEND_BLUEZ_DEVICE (object);

  switch (prop_id)
    {
    case PROP_OBJECT_PATH:
      g_value_set_string (value, self->object_path);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_RSSI:
      g_value_set_int (value, self->rssi);
      break;
    case PROP_BATTERY:
      g_value_set_int (value, self->battery);
      break;
    case PROP_PAIRED:
      g_value_set_boolean (value, self->paired);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ascend_bluez_device_finalize (GObject *object)
{
  AscendBluezDevice *self = ASCEND_BLUEZ_DEVICE (object);

  g_free (self->object_path);
  g_free (self->address);
  g_free (self->name);
  G_OBJECT_CLASS (ascend_bluez_device_parent_class)->finalize (object);
}

static void
ascend_bluez_device_class_init (AscendBluezDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ascend_bluez_device_get_property;
  object_class->finalize = ascend_bluez_device_finalize;

  properties[PROP_OBJECT_PATH] = g_param_spec_string ("object-path", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_RSSI] = g_param_spec_int ("rssi", NULL, NULL, G_MININT16, G_MAXINT16, G_MININT16, flags);
  properties[PROP_BATTERY] = g_param_spec_int ("battery", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_PAIRED] = g_param_spec_boolean ("paired", NULL, NULL, FALSE, flags);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ascend_bluez_device_init (AscendBluezDevice *self)
{
  self->rssi = G_MININT16;
  self->battery = -1;
}

AscendBluezDevice *
ascend_bluez_device_new (const char *object_path)
{
  AscendBluezDevice *self;

  g_return_val_if_fail (g_variant_is_object_path (object_path), NULL);

  self = g_object_new (ASCEND_TYPE_BLUEZ_DEVICE, NULL);
  self->object_path = g_strdup (object_path);
  return self;
}

const char *
ascend_bluez_device_get_object_path (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), NULL);
  return self->object_path;
}

const char *
ascend_bluez_device_get_address (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), NULL);
  return self->address;
}

const char *
ascend_bluez_device_get_name (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), NULL);
  return self->name;
}

int
ascend_bluez_device_get_rssi (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), G_MININT16);
  return self->rssi;
}

int
ascend_bluez_device_get_battery (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), -1);
  return self->battery;
}

gboolean
ascend_bluez_device_get_paired (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), FALSE);
  return self->paired;
}

gboolean
ascend_bluez_device_get_connected (AscendBluezDevice *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_DEVICE (self), FALSE);
  return self->connected;
}
