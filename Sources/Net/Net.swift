/// The Net layer of ocpp-fleet (see DESIGN.md). This file is replaced as the layer is built.
public enum NetLayer {}
