# The benchmark's Tryton module: registered through tryton.cfg, nothing to do here.
