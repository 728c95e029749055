# Mayoral authorisations for systematic ID checks: filled in by the ID-checks feature.
