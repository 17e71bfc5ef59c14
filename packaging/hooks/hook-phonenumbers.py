"""phonenumbers loads each region's metadata by importing it (phonenumbers.data.region_XX), so every
module is taken, as PyInstaller's own hook does, but for the geocoder, carrier and time-zone lookups and
their data (4.6 MB) that the app never uses: it only parses, validates and formats numbers. This hook
replaces that one (build.spec: hookspath)."""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier", "phonenumbers.carrierdata",
          "phonenumbers.timezone", "phonenumbers.tzdata")

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
excludedimports = list(UNUSED)
