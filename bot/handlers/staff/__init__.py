"""The staff's bot: one module per flow, `common` shared by all, `menu` registers them."""
