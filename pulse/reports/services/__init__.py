"""Writes of the results app: building a wave's publication and its report files."""
