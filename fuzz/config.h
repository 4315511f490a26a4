/* config.h for the fuzz targets, built outside meson by build.sh */
#pragma once
#define PACKAGE_VERSION "fuzz"
#define APP_ID "io.github.animeascend.AnimeAscend"
#define LOCALEDIR "/usr/share/locale"
#define DEVELOPMENT 0
