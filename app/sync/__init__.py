"""Synchronisation by signed, encrypted bundles between OPS devices and the powiat coordinator."""
